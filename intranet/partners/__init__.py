"""Partners: the public directory, a partner's own page, its profile and contactpersonen."""

from datetime import timedelta

from flask import Blueprint

bp = Blueprint("partners", __name__, url_prefix="/partners")


def init_app(app):
    """Register the blueprint and the invitation link's lifetime."""
    from intranet.partners import contact_routes, import_routes, routes  # noqa: F401
    from intranet.partners.cli import partners_cli

    app.config.setdefault("PARTNER_INVITE_MAX_AGE", timedelta(days=14))
    app.config.setdefault("IMPORT_MAX_BYTES", 5 * 1024 * 1024)
    app.register_blueprint(bp)
    app.cli.add_command(partners_cli)
