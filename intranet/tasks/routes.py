"""The 'Mijn taken' page, and the count of tasks in the menu."""

from flask import Blueprint, has_request_context, render_template, request
from flask_login import current_user

from intranet.security import login_required
from intranet.tasks.sources import count_for, tasks_for

bp = Blueprint("tasks", __name__, url_prefix="/taken")

# Mijn taken shows this many tasks of each kind, and the rest on request ("?alle=1"): a
# list of hundreds of applications is read in the inbox, not here.
PER_KIND = 25


@bp.get("/")
@login_required
def index():
    """What waits for the logged-in person, pinned and soonest deadline first."""
    everything = request.args.get("alle") == "1"
    every, waiting = tasks_for(current_user, None if everything else PER_KIND)
    tasks = [task for task in every if not task.follow]
    followed = [task for task in every if task.follow]
    return render_template(
        "tasks/index.html",
        tasks=tasks,
        followed=followed,
        waiting=waiting,
        per_kind=PER_KIND,
        task_count=lambda: waiting,
    )


def task_count():
    """How many tasks wait for the logged-in person, else 0: a template global the menu calls
    (one statement, asked only when a page shows the menu; htmx fragments never do)."""
    if has_request_context() and current_user.is_authenticated:
        return count_for(current_user)
    return 0
