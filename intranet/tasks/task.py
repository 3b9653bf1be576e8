"""One thing a person should do (what, where, by when), and where such things come from."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from peewee import SQL, Select, fn

from intranet.formats import deadline_words


@dataclass
class Task:
    """One thing a person should do, with where to do it and by when."""

    kind: str  # what sort of work, in words: KINDS["stemmen"], KINDS["ondertekenen"], ...
    title: str
    url: str
    due: datetime | None = None  # naive UTC, for sorting and the calendar
    detail: str = ""
    pinned: bool = False  # a contactpersoon's signing deadline stands above everything
    uid: str = ""  # stable identity, for the calendar feed
    follow: bool = False  # no work, only where something of theirs stands (not counted)

    @property
    def due_text(self):
        """The deadline in words, or ''."""
        return deadline_words(self.due)


@dataclass(frozen=True)
class Source:
    """One kind of work: the query of what waits for a person (a row per task), and the task
    each row is. The same query gives the list and the count, so the two never differ."""

    roles: set | None  # the roles that see it; None: everyone logged in
    rows: Callable  # (user) -> a peewee query
    task: Callable  # (row, user) -> Task
    counted: Callable | None = None  # (user) -> the rows that are work, if not all of them

    def applies_to(self, user):
        """True when the user has one of the roles that see this work."""
        return self.roles is None or bool(self.roles & user.roles)

    def tasks(self, user, limit=None):
        """The user's tasks of this kind (one query), the first `limit` of them if given."""
        rows = self.rows(user)
        return [self.task(row, user) for row in (rows.limit(limit) if limit else rows)]

    def count(self, user):
        """How many there are, as a subquery another statement holds (see sources.count_for).

        The rows are counted, not built: COUNT replaces the columns, unless the rows are
        DISTINCT, grouped or limited, where they are counted as a subquery of their own."""
        rows = (self.counted or self.rows)(user).order_by()
        if rows._distinct or rows._group_by or rows._limit is not None:
            return Select([rows.alias("waiting")], [fn.COUNT(SQL("1"))])
        return rows.select(fn.COUNT(SQL("1")))
