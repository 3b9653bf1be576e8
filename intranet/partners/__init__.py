"""Partners: the public directory, a partner's own page, its profile and contactpersonen."""

from flask import Blueprint

bp = Blueprint("partners", __name__, url_prefix="/partners")


def init_app(app):
    """Register the blueprint."""
    from intranet.partners import routes  # noqa: F401

    app.register_blueprint(bp)
