"""People and seats: the projectleider manages accounts and who sits in which group."""

from flask import Blueprint

bp = Blueprint("people", __name__, url_prefix="/leden")


def init_app(app):
    """Register the blueprint."""
    from intranet.people import account_routes, routes  # noqa: F401

    app.register_blueprint(bp)
