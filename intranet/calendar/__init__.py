"""Every person's private calendar feed (iCalendar) with the deadlines that concern them."""

from flask import Blueprint

bp = Blueprint("calendar", __name__, url_prefix="/agenda")


def init_app(app):
    """Register the feed and its settings page."""
    from intranet.calendar import routes  # noqa: F401

    app.register_blueprint(bp)
