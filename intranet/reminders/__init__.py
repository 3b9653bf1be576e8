"""Reminders to those who have not answered: projectgroep members before a vote's deadline
(automatically, and by the projectleider's hand), partners in a round (by hand)."""

from flask import Blueprint

bp = Blueprint("reminders", __name__)


def init_app(app):
    """Register the routes and the template helper that shows the remind block."""
    from intranet.reminders import routes, sending

    app.register_blueprint(bp)
    app.add_template_global(sending.reminder_state, "reminder_state")
    _ = routes
