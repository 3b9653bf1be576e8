"""One page of a long list: the directory, the vote list."""

from dataclasses import dataclass
from math import ceil

from flask import request


@dataclass
class Page:
    """The items of one page, and where it stands among the others."""

    items: list
    number: int
    pages: int
    total: int

    @property
    def has_previous(self):
        """True if there is a page before this one."""
        return self.number > 1

    @property
    def has_next(self):
        """True if there is a page after this one."""
        return self.number < self.pages


def requested_page():
    """The page number asked for in the query string (1 when absent or nonsense)."""
    value = request.args.get("pagina", "1")
    return int(value) if value.isdecimal() and 0 < int(value) < 100_000 else 1


def paginate(query, per_page, number=None):
    """One page of a peewee query (two queries: the count and the page)."""
    total = query.count()
    pages = max(1, ceil(total / per_page))
    number = min(number or requested_page(), pages)
    return Page(list(query.paginate(number, per_page)), number, pages, total)
