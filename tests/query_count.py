"""Counting the SQL statements a block sends, for the query-count tests (no tests here).

One counter (bench/profile.py's, shared with the load benchmark). By default the page cache
is emptied first, so a page counts its own queries as on the first request after a write;
`warm=True` counts what a page costs with its cached parts still there.
"""

from contextlib import contextmanager

from bench.profile import counted
from intranet.cache import cache


@contextmanager
def counted_queries(warm=False):
    """The SQL statements run inside the block, as a list."""
    if not warm:
        cache.clear()
    with counted() as statements:
        yield statements


@contextmanager
def counting_queries(warm=False):
    """The same, as {'n': count} once the block ends."""
    counter = {"n": 0}
    with counted_queries(warm) as statements:
        yield counter
    counter["n"] = len(statements)
