"""Accounts: log in and out, reset and change passwords, confirm e-mail addresses."""

from flask import Blueprint

bp = Blueprint("auth", __name__)


def init_app(app):
    """Register the blueprint."""
    from intranet.auth import routes  # noqa: F401

    app.register_blueprint(bp)
