"""Database: peewee behind a proxy, pooled connections, migrations and backups."""

import fcntl
import os
import sqlite3
from contextlib import contextmanager
from urllib.parse import urlparse

from flask import current_app
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


def database_for(url, max_connections=32):
    """Build the pooled peewee database that a DATABASE_URL names."""
    scheme = urlparse(url).scheme
    if scheme in {"postgres", "postgresql"}:
        return PooledPostgresqlDatabase(
            max_connections=max_connections, stale_timeout=300, timeout=10, **parse_url(url)
        )
    if scheme == "sqlite":
        path = url.split("sqlite:///", 1)[1]
        # The pool hands a connection to one thread at a time, but not always the thread
        # that opened it: sqlite3's same-thread check must be off or a threaded server fails.
        return PooledSqliteDatabase(
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
