"""Database: peewee behind a proxy, pooled connections, migrations and backups."""

import fcntl
import os
import re
import sqlite3
from contextlib import contextmanager
from datetime import date, datetime
from urllib.parse import urlparse

from flask import current_app, g, has_app_context
from peewee import DatabaseProxy, SqliteDatabase
from playhouse.db_url import parse as parse_url
from playhouse.migrations import Runner
from playhouse.pool import PooledPostgresqlDatabase, PooledSqliteDatabase

db = DatabaseProxy()

MIGRATIONS = os.path.join(os.path.dirname(os.path.dirname(__file__)), "migrations")
SQLITE_PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "busy_timeout": 10000,
    "synchronous": "normal",
}


# Writes to these tables change nothing a page shows from the cache (intranet/cache.py).
NOT_SHOWN = {"cache_generation", "login_attempt", "outbox_message"}
# Two counters: EVERYTHING moves with every write a page may show; PEOPLE only with writes
# to the tables a logged-in user is loaded from (User.load), so a vote or an application
# leaves every user's cached copy in place.
EVERYTHING, PEOPLE = 1, 2
PEOPLE_TABLES = {"user", "membership", "contact"}
WRITE = re.compile(r'\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM)\s+"(\w+)"', re.I)
_BUMP = (
    'INSERT INTO "cache_generation" (id, value) VALUES (1, 1), (2, 1) '
    'ON CONFLICT (id) DO UPDATE SET value = "cache_generation".value + {step} '
    "RETURNING id, value"
)
BUMP = {  # by whether PEOPLE moves too
    True: _BUMP.format(step="1"),
    False: _BUMP.format(step='CASE WHEN "cache_generation".id = 1 THEN 1 ELSE 0 END'),
}


def moves_counters(sql):
    """The counters a statement moves: none (a read, or a table no page shows), or
    {EVERYTHING} or {EVERYTHING, PEOPLE}."""
    found = WRITE.match(sql)
    table = found and found.group(1)
    if not table or table in NOT_SHOWN:
        return set()
    return {EVERYTHING, PEOPLE} if table in PEOPLE_TABLES else {EVERYTHING}


def writes_shown_data(sql):
    """True for an INSERT, UPDATE or DELETE on a table whose rows pages may show."""
    return bool(moves_counters(sql))


class MovesGeneration:
    """A database that moves the cache generation with every write it commits.

    The counters move in the same transaction as the write (just before COMMIT), or right
    after a write outside a transaction, so a cached value is never older than its
    generation; the request that wrote goes on with the new one. A database whose schema
    has no cache_generation table yet (while migrating) moves nothing.
    """

    tracks_writes = None  # unknown until the first write

    def execute_sql(self, sql, params=None):
        cursor = super().execute_sql(sql, params)
        moved = moves_counters(sql)
        if moved and self._tracks():
            _forget_generation()
            if self.in_transaction():
                self._state.moves = getattr(self._state, "moves", set()) | moved
            else:
                _remember_generation(self._bump(moved))
        return cursor

    def commit(self):
        moved = None
        if getattr(self._state, "moves", None):
            moved = self._bump(self._state.moves)
            self._state.moves = set()
        done = super().commit()
        _remember_generation(moved)
        return done

    def rollback(self):
        self._state.moves = set()
        return super().rollback()

    def _bump(self, counters):
        return dict(self.execute_sql(BUMP[PEOPLE in counters]).fetchall())

    def _tracks(self):
        if self.tracks_writes is None:
            self.tracks_writes = "cache_generation" in self.get_tables()
        return self.tracks_writes


def _forget_generation():
    if has_app_context():
        g.pop("cache_generation", None)  # unknown until this write commits (cache.py)


def _remember_generation(values):
    if values is not None and has_app_context():
        g.cache_generation = values


class Postgresql(MovesGeneration, PooledPostgresqlDatabase):
    """PostgreSQL, pooled, moving the cache generation."""


class Sqlite(MovesGeneration, PooledSqliteDatabase):
    """SQLite, pooled, moving the cache generation."""


def database_for(url, max_connections=32):
    """Build the pooled peewee database that a DATABASE_URL names."""
    scheme = urlparse(url).scheme
    if scheme in {"postgres", "postgresql"}:
        return Postgresql(
            max_connections=max_connections, stale_timeout=300, timeout=10, **parse_url(url)
        )
    if scheme == "sqlite":
        path = url.split("sqlite:///", 1)[1]
        # The pool hands a connection to one thread at a time, but not always the thread
        # that opened it: sqlite3's same-thread check must be off or a threaded server fails.
        return Sqlite(
            path,
            pragmas=SQLITE_PRAGMAS,
            max_connections=max_connections,
            stale_timeout=300,
            check_same_thread=False,
        )
    raise ValueError(f"DATABASE_URL met onbekend schema: {scheme!r}")


def is_sqlite():
    """True when the bound database is SQLite (it locks differently)."""
    return isinstance(db.obj, SqliteDatabase)


@contextmanager
def write_transaction():
    """A transaction that holds the write lock from its start.

    On SQLite that is BEGIN IMMEDIATE, so two writers never both read and then collide,
    taken in turn (`_writers_turn`); on PostgreSQL the callers lock the rows they change
    with SELECT ... FOR UPDATE. Inside a transaction it is a savepoint of that one.
    """
    if not is_sqlite() or db.in_transaction():
        with db.atomic() as transaction:
            yield transaction
        return
    with _writers_turn(db.obj.database), db.atomic("IMMEDIATE") as transaction:
        yield transaction


@contextmanager
def _writers_turn(path):
    """Wait for our turn to write to a SQLite file, in the kernel (flock on a file beside it).

    SQLite's own busy handler polls, sleeping up to 100 ms between tries, so under
    contention a writer often sleeps on long after the lock came free; a flock waiter
    wakes the moment the writer before it is done. Taken only outside a transaction (a
    nested one is a savepoint), so it never waits while holding SQLite's lock.
    """
    if path == ":memory:" or path.startswith("file:"):
        yield
        return
    descriptor = os.open(path + "-writer", os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)  # closing lets the next writer in


class Compiled:
    """A query of a fixed shape on a hot path, compiled by peewee once per database kind.

    Peewee builds SQL anew for every query, which on a vote costs more than running it.
    `build` takes the query's values and returns the peewee query; it is built once with
    stand-ins of the given types, whose places in the parameters are then filled with each
    call's values. Gives the rows as tuples (none for a write without RETURNING).
    """

    STAND_INS = {
        int: lambda n: -7_300_000_000 - n,
        str: lambda n: f"\x00stand-in-{n}",
        date: lambda n: date(1000 + n, 1, 1),
        datetime: lambda n: datetime(1000 + n, 1, 1, 0, 0, 1),
    }

    def __init__(self, build, *types):
        self.build, self.types = build, types
        self._compiled = {}

    def _compile(self):
        stand_ins = [self.STAND_INS[kind](n) for n, kind in enumerate(self.types)]
        sql, params = self.build(*stand_ins).sql()
        places = [stand_ins.index(p) if p in stand_ins else None for p in params]
        if set(places) - {None} != set(range(len(stand_ins))):
            raise ValueError(f"{sql}: not every value found in the parameters")
        return sql, list(zip(places, params, strict=True))

    def rows(self, *values):
        """Run the query with these values; its rows as tuples."""
        kind = is_sqlite()
        if kind not in self._compiled:
            self._compiled[kind] = self._compile()
        sql, places = self._compiled[kind]
        params = [param if place is None else values[place] for place, param in places]
        cursor = db.execute_sql(sql, params)
        return cursor.fetchall() if cursor.description else []


def locked(query):
    """Add FOR UPDATE where the database supports it (SQLite locks the whole file)."""
    return query if is_sqlite() else query.for_update()


def close_connection(exc=None):
    """Return the request's connection to the pool, if it took one."""
    if not db.is_closed():
        db.close()


def migration_runner():
    """The playhouse.migrations runner over our migrations folder."""
    return Runner(db.obj, MIGRATIONS)


def upgrade():
    """Apply every pending migration; returns their names."""
    return migration_runner().up()


def init_app(app):
    """Bind the proxy to the configured database and register the CLI."""
    url = app.config["DATABASE_URL"] or "sqlite:///" + os.path.join(
        app.instance_path, "intranet.sqlite3"
    )
    if db.obj is not None and not db.is_closed():
        db.close()
    db.initialize(database_for(url, app.config["DATABASE_MAX_CONNECTIONS"]))
    app.teardown_appcontext(close_connection)


def backup_to(path):
    """Copy the live SQLite database with SQLite's online backup API."""
    source = db.connection()
    with os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600), "w"):
        pass  # created readable by the owner only, before any data goes in
    os.chmod(path, 0o600)  # an existing file too
    target = sqlite3.connect(path)
    try:
        source.backup(target)
    finally:
        target.close()
    current_app.logger.info("backup written to %s", path)
