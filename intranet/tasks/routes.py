"""The 'Mijn taken' page."""

from flask import render_template
from flask_login import current_user

from intranet.security import login_required
from intranet.tasks import bp
from intranet.tasks.sources import tasks_for


@bp.get("/")
@login_required
def index():
    """What waits for the logged-in person, pinned and soonest deadline first."""
    return render_template("tasks/index.html", tasks=tasks_for(current_user))
