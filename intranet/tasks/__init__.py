"""'Mijn taken': what waits for a person across their roles, soonest deadline first."""

from flask import Blueprint, has_request_context
from flask_login import current_user

bp = Blueprint("tasks", __name__, url_prefix="/taken")


def _menu_count():
    """The number of tasks for the menu (computed only when a page shows the menu)."""
    from intranet.tasks.sources import tasks_for

    cache = {}

    def count():
        if "n" not in cache:
            cache["n"] = len(tasks_for(current_user))
        return cache["n"]

    return count


def _page_context():
    if has_request_context() and current_user.is_authenticated:
        return {"task_count": _menu_count()}
    return {"task_count": None}


def init_app(app):
    """Register the blueprint and the menu's task count."""
    from intranet.tasks import routes  # noqa: F401

    app.register_blueprint(bp)
    app.context_processor(_page_context)
