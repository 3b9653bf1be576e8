"""Where tasks come from: one Source per kind of work, each one query whatever the data.

`SOURCES` lists them all. `tasks_for(user)` counts those that apply to the user's roles in
one statement, then asks those with work for their rows (a query each, for Mijn taken and
the calendar); `count_for(user)` is that one count, for the number the menu shows.
"""

from datetime import datetime

from peewee import Select

from intranet.db import db
from intranet.tasks.admission import (
    applications_to_handle,
    cases_for_regiegroep,
    own_applications,
    own_silent_referees,
    silent_referees,
    votes_to_cast,
)
from intranet.tasks.network import (
    attendance_to_record,
    contributions_to_decide,
    jaargesprekken_due,
    meetings_to_answer,
    overdue_invoices,
)
from intranet.tasks.partners import (
    activities_waiting,
    continuation_to_decide,
    own_organisations_without_achtervang,
    partners_without_achtervang,
    signatures_due,
    vriend_invitations_due,
)
from intranet.tasks.task import Task

__all__ = ["SOURCES", "Task", "count_for", "tasks_for"]


SOURCES = (
    signatures_due,
    vriend_invitations_due,
    own_organisations_without_achtervang,
    votes_to_cast,
    cases_for_regiegroep,
    continuation_to_decide,
    applications_to_handle,
    silent_referees,
    partners_without_achtervang,
    own_applications,
    own_silent_referees,
    meetings_to_answer,
    contributions_to_decide,
    activities_waiting,
    jaargesprekken_due,
    attendance_to_record,
    overdue_invoices,
)


def _order(task):
    return (not task.pinned, task.due is None, task.due or datetime.max, task.title)


def tasks_for(user, per_kind=None):
    """The user's tasks, pinned first, then soonest deadline first, and how many wait in all.

    One statement counts what waits in every source; only the sources with something
    waiting (or with rows to follow besides the work they count) are then asked for rows,
    each for its first `per_kind` rows when given (a page shows a long list in part).
    """
    applying = [source for source in SOURCES if source.applies_to(user)]
    waiting = _counts(applying, user)
    tasks = [
        task
        for source, count in zip(applying, waiting, strict=True)
        if count or source.counted
        for task in source.tasks(user, per_kind)
    ]
    tasks.sort(key=_order)
    return tasks, sum(waiting)


def count_for(user):
    """How many tasks the user has, in one statement (a column per source)."""
    return sum(_counts([source for source in SOURCES if source.applies_to(user)], user))


def _counts(sources, user):
    """How much waits in each of these sources, in one statement (a column each)."""
    if not sources:
        return ()
    return Select(columns=[source.count(user) for source in sources]).bind(db).tuples().get()
