"""Where tasks come from: one function per kind of work, each one query whatever the data.

A source takes the user and returns Task rows; `SOURCES` lists them all, and
`tasks_for(user)` runs those that apply to the user's roles, once per request.
"""

from datetime import datetime

from intranet.cache import cached
from intranet.tasks.admission import (
    applications_to_handle,
    cases_for_regiegroep,
    own_applications,
    silent_referees,
    votes_to_cast,
)
from intranet.tasks.partners import (
    continuation_to_decide,
    own_organisations_without_achtervang,
    partners_without_achtervang,
    signatures_due,
    vriend_invitations_due,
)
from intranet.tasks.task import Task

__all__ = ["SOURCES", "Task", "tasks_for"]


# (roles that see it, source); None: everyone logged in
SOURCES = (
    ({"contactpersoon"}, signatures_due),
    ({"contactpersoon"}, vriend_invitations_due),
    ({"contactpersoon"}, own_organisations_without_achtervang),
    ({"projectgroep"}, votes_to_cast),
    ({"regiegroep"}, cases_for_regiegroep),
    ({"regiegroep"}, continuation_to_decide),
    ({"projectleider"}, applications_to_handle),
    ({"projectleider"}, silent_referees),
    ({"projectleider"}, partners_without_achtervang),
    (None, own_applications),
)


def _order(task):
    return (not task.pinned, task.due is None, task.due or datetime.max, task.title)


def tasks_for(user):
    """Every task of the user, pinned first, then soonest deadline first.

    Kept until the next write (intranet/cache.py): the menu shows the count on every page.
    """
    return cached(f"tasks:{user.id}", lambda: _collect(user))


def _collect(user):
    roles = user.roles
    tasks = [
        task
        for wanted, source in SOURCES
        if wanted is None or wanted & roles
        for task in source(user)
    ]
    tasks.sort(key=_order)
    return tasks
