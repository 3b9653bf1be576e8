"""Database: peewee behind a proxy, pooled connections, migrations and backups."""

import os
import re
import sqlite3
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
WRITE = re.compile(r'\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM)\s+"(\w+)"', re.I)
BUMP = (
    'INSERT INTO "cache_generation" (id, value) VALUES (1, 1) '
    'ON CONFLICT (id) DO UPDATE SET value = "cache_generation".value + 1 RETURNING value'
)


def writes_shown_data(sql):
    """True for an INSERT, UPDATE or DELETE on a table whose rows pages may show."""
    found = WRITE.match(sql)
    return found is not None and found.group(1) not in NOT_SHOWN


class MovesGeneration:
    """A database that moves the cache generation with every write it commits.

    The counter moves in the same transaction as the write (just before COMMIT), or right
    after a write outside a transaction, so a cached value is never older than its
    generation; the request that wrote goes on with the new one. A database whose schema
    has no cache_generation table yet (while migrating) moves nothing.
    """

    tracks_writes = None  # unknown until the first write

    def execute_sql(self, sql, params=None):
        cursor = super().execute_sql(sql, params)
        if writes_shown_data(sql) and self._tracks():
            _forget_generation()
            if self.in_transaction():
                self._state.wrote = True
            else:
                _remember_generation(self._bump())
        return cursor

    def commit(self):
        moved = None
        if getattr(self._state, "wrote", False):
            self._state.wrote = False
            moved = self._bump()
        done = super().commit()
        _remember_generation(moved)
        return done

    def rollback(self):
        self._state.wrote = False
        return super().rollback()

    def _bump(self):
        return self.execute_sql(BUMP).fetchone()[0]

    def _tracks(self):
        if self.tracks_writes is None:
            self.tracks_writes = "cache_generation" in self.get_tables()
        return self.tracks_writes


def _forget_generation():
    if has_app_context():
        g.pop("cache_generation", None)  # unknown until this write commits (cache.py)


def _remember_generation(value):
    if value is not None and has_app_context():
        g.cache_generation = value


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


def write_transaction():
    """A transaction that holds the write lock from its start.

    On SQLite that is BEGIN IMMEDIATE, so two writers never both read and then collide;
    on PostgreSQL the callers lock the rows they change with SELECT ... FOR UPDATE.
    """
    return db.atomic("IMMEDIATE") if is_sqlite() else db.atomic()


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
