"""Counting the SQL statements a block sends, for the query-count tests (no tests here).

One counter (bench/profile.py's, shared with the load benchmark).
"""

from contextlib import contextmanager

from bench.profile import counted


@contextmanager
def counted_queries():
    """The SQL statements run inside the block, as a list."""
    with counted() as statements:
        yield statements


@contextmanager
def counting_queries():
    """The same, as {'n': count} once the block ends."""
    counter = {"n": 0}
    with counted_queries() as statements:
        yield counter
    counter["n"] = len(statements)
