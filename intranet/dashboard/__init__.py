"""The projectleider's dashboard: every section fed by one small data function."""

from flask import Blueprint

bp = Blueprint("dashboard", __name__, url_prefix="/dashboard")


def init_app(app):
    """Register the blueprint."""
    from intranet.dashboard import routes  # noqa: F401

    app.register_blueprint(bp)
