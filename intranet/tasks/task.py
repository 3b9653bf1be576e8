"""One thing a person should do: what, where, by when."""

from dataclasses import dataclass
from datetime import datetime

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

    @property
    def due_text(self):
        """The deadline in words, or ''."""
        return deadline_words(self.due)
