"""Database: peewee behind a proxy, pooled connections, migrations and backups."""

import fcntl
import os
import sqlite3
import subprocess
import tempfile
import time
from contextlib import contextmanager
from urllib.parse import urlparse

from flask import current_app
from peewee import DatabaseProxy, OperationalError, SqliteDatabase
from playhouse.db_url import parse as parse_url
from playhouse.migrations import Runner
from playhouse.pool import PooledPostgresqlDatabase, PooledSqliteDatabase
from psycopg2 import connect as pg_connect
from psycopg2 import sql as pg_sql

from intranet.refusals import Refused

db = DatabaseProxy()

MIGRATIONS = os.path.join(os.path.dirname(os.path.dirname(__file__)), "migrations")
SQLITE_PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "synchronous": "normal",
}
LOCK_WAIT = 5  # seconds a writer waits for a lock before it is told to try again
BUSY = "Het intranet is even druk bezig. Er is niets gewijzigd; probeer het zo opnieuw."


class Busy(Refused):
    """A lock that did not come free in time: nothing changed, try again (503)."""

    status = 503

    def __init__(self, message=BUSY):
        super().__init__(message)


def database_for(url, max_connections=32, lock_wait=LOCK_WAIT):
    """Build the pooled peewee database that a DATABASE_URL names.

    Every wait for a lock is bounded by `lock_wait` seconds: SQLite's busy timeout and our
    writers' flock (`_writers_turn`), PostgreSQL's lock_timeout (row locks, advisory locks,
    DDL). A wait that runs out is answered as `Busy` (errors.py), never an endless request.
    """
    scheme = urlparse(url).scheme
    milliseconds = int(lock_wait * 1000)
    if scheme in {"postgres", "postgresql"}:
        parameters = parse_url(url)
        options = parameters.get("options", "")
        if "lock_timeout" not in options:
            parameters["options"] = f"{options} -c lock_timeout={milliseconds}".strip()
        database = PooledPostgresqlDatabase(
            max_connections=max_connections, stale_timeout=300, timeout=10, **parameters
        )
    elif scheme == "sqlite":
        path = url.split("sqlite:///", 1)[1]
        # The pool hands a connection to one thread at a time, but not always the thread
        # that opened it: sqlite3's same-thread check must be off or a threaded server fails.
        database = PooledSqliteDatabase(
            path,
            pragmas={**SQLITE_PRAGMAS, "busy_timeout": milliseconds},
            max_connections=max_connections,
            stale_timeout=300,
            check_same_thread=False,
        )
    else:
        raise ValueError(f"DATABASE_URL met onbekend schema: {scheme!r}")
    database.lock_wait = lock_wait
    return database


def is_lock_timeout(error):
    """True for a database error that only says a lock did not come free in time."""
    if not isinstance(error, OperationalError):
        return False
    original = error.args[0] if error.args else None
    code = getattr(original, "pgcode", None) or getattr(error.__cause__, "pgcode", None)
    text = str(error).lower()
    return code == "55P03" or "database is locked" in text or "lock timeout" in text


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
        _wait_for_flock(descriptor, getattr(db.obj, "lock_wait", LOCK_WAIT))
        yield
    finally:
        os.close(descriptor)  # closing lets the next writer in


def _wait_for_flock(descriptor, seconds):
    """Take the writers' flock, trying every few milliseconds; `Busy` after `seconds`.

    flock has no timeout of its own (and SIGALRM works only in the main thread), so it is
    tried without blocking; the pauses start at a millisecond and grow to 20 ms, far below
    SQLite's own busy handler's 100 ms.
    """
    deadline = time.monotonic() + seconds
    pause = 0.001
    while True:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() >= deadline:
                raise Busy() from None
            time.sleep(pause)
            pause = min(pause * 2, 0.02)


def advisory_lock(name):
    """Hold a lock named `name` until the transaction ends (call it inside one).

    On PostgreSQL an advisory transaction lock: it exists even when no row does yet (the
    seats of an empty group), and its wait is bounded by lock_timeout. On SQLite the write
    transaction (BEGIN IMMEDIATE) already holds the whole file: nothing more to take.
    """
    if not is_sqlite():
        db.execute_sql("SELECT pg_advisory_xact_lock(hashtext(%s))", (name,))


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


class UpgradeRefused(Exception):
    """The upgrade stopped (a migration failed, or the check found problems): nothing changed."""

    def __init__(self, problems):
        super().__init__("; ".join(problems))
        self.problems = problems


def upgrade(check=None):
    """Apply every pending migration, all or nothing; returns their names.

    `check()` returns the problems of the migrated database (say, cases in states their
    workflow no longer declares); a problem, or a migration that fails, leaves the database
    as it was and raises `UpgradeRefused`. On PostgreSQL everything runs in one transaction
    (its DDL is transactional). On SQLite the migrations and the check run on a copy first
    (SQLite's table rebuilds cannot run inside one transaction); only when both pass does the
    copy replace the database, in one step of SQLite's backup API, under the writers' lock.
    """
    check = check or (lambda: [])
    if not is_sqlite():
        with db.atomic():
            applied = _up(migration_runner())
            _refuse_if(check())
        return applied
    pending = [m for m in migration_runner().status() if m.path and not m.applied]
    if not pending:
        _refuse_if(check())
        return []
    return _upgrade_sqlite_copy(check)


def _up(runner):
    try:
        return runner.up()
    except Exception as error:  # any failing migration: nothing of the upgrade stays
        raise UpgradeRefused([f"{type(error).__name__}: {error}"]) from error


def _refuse_if(problems):
    if problems:
        raise UpgradeRefused(list(problems))


def _upgrade_sqlite_copy(check):
    live = db.obj
    path = live.database
    live.close_all()
    with _writers_turn(path), tempfile.TemporaryDirectory(dir=os.path.dirname(path)) as folder:
        copy = os.path.join(folder, "upgrade.sqlite3")
        _sqlite_copy(path, copy)
        rehearsal = SqliteDatabase(copy, pragmas={"foreign_keys": 1})
        db.initialize(rehearsal)
        try:
            applied = _up(Runner(rehearsal, MIGRATIONS))
            _refuse_if(check())
        finally:
            rehearsal.close()
            db.initialize(live)
        _sqlite_copy(copy, path)  # the one step that changes the database
    return applied


def _sqlite_copy(source_path, target_path):
    """Copy one SQLite database over another with the backup API, in one step."""
    wait = getattr(db.obj, "lock_wait", LOCK_WAIT)
    source = sqlite3.connect(source_path, timeout=wait)
    target = sqlite3.connect(target_path, timeout=wait)
    try:
        source.backup(target)
    finally:
        target.close()
        source.close()


def init_app(app):
    """Bind the proxy to the configured database and register the CLI."""
    url = app.config["DATABASE_URL"] or "sqlite:///" + os.path.join(
        app.instance_path, "intranet.sqlite3"
    )
    if db.obj is not None and not db.is_closed():
        db.close()
    db.initialize(
        database_for(url, app.config["DATABASE_MAX_CONNECTIONS"], app.config["DATABASE_LOCK_WAIT"])
    )
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


class RestoreRefused(Exception):
    """A restore that did not start: the database is as it was."""


def _known_migrations():
    return {m.name for m in migration_runner().migrations()}


def _check_applied(applied):
    """A backup made by newer code (migrations this code does not have) is not restored."""
    unknown = sorted(set(applied) - _known_migrations())
    if unknown:
        raise RestoreRefused(
            f"the backup was made by newer code (migrations {', '.join(unknown)}); "
            "restore it with that code, or an older backup with this code"
        )


def pending_after_restore():
    """The migrations the restored database still needs (run `db upgrade` for them)."""
    return [m.name for m in migration_runner().status() if m.path and not m.applied]


def restore_sqlite(backup):
    """Replace the SQLite database with a backup, in one step, safe while the app serves.

    The backup is checked first (a SQLite file, intact, made by this code or older). Then,
    holding the writers' lock, SQLite's backup API writes it into the live database: SQLite
    itself handles the -wal file and the readers, where copying a file over a live database
    with a -wal beside it corrupts it. Returns the migrations still to apply.
    """
    if not os.path.isfile(backup):
        raise RestoreRefused(f"{backup}: no such file")
    try:
        with sqlite3.connect(f"file:{backup}?mode=ro", uri=True) as check:
            (integrity,) = check.execute("PRAGMA integrity_check").fetchone()
            applied = [name for (name,) in check.execute("SELECT name FROM schema_migration")]
    except sqlite3.DatabaseError as error:
        raise RestoreRefused(f"{backup} is not a backup of the intranet: {error}") from error
    if integrity != "ok":
        raise RestoreRefused(f"{backup} is damaged: {integrity}")
    _check_applied(applied)
    path = db.obj.database
    db.obj.close_all()
    with _writers_turn(path):
        _sqlite_copy(backup, path)
    current_app.logger.warning("database restored from %s", backup)
    return pending_after_restore()


def restore_postgres(dump, pg_restore="pg_restore"):
    """Restore a pg_dump (custom format) into a new database that then takes the old one's name.

    Never into the database in use (`pg_restore --clean` leaves the tables the dump does not
    know, and the next upgrade trips over them). Refused while anyone else is connected
    (stop the units first). The old database stays, renamed; returns its name.
    """
    if not os.path.isfile(dump):
        raise RestoreRefused(f"{dump}: no such file")
    parameters = dict(db.obj.connect_params, dbname=db.obj.database)
    name = parameters["dbname"]
    stamp = time.strftime("%Y%m%d%H%M%S")
    restored, kept = f"{name}_restore_{stamp}", f"{name}_before_{stamp}"
    db.obj.close_all()
    server = pg_connect(**{**parameters, "dbname": "postgres"})
    server.autocommit = True
    try:
        with server.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = %s AND pid <> "
                "pg_backend_pid()",
                (name,),
            )
            (others,) = cursor.fetchone()
            if others:
                raise RestoreRefused(
                    f"{others} other connection(s) to {name}: stop intranet-web and the "
                    "tick timer first"
                )
            cursor.execute(pg_sql.SQL("CREATE DATABASE {}").format(pg_sql.Identifier(restored)))
        _pg_restore(pg_restore, dump, {**parameters, "dbname": restored}, server, restored)
        with server.cursor() as cursor:
            cursor.execute(
                pg_sql.SQL("ALTER DATABASE {} RENAME TO {}").format(
                    pg_sql.Identifier(name), pg_sql.Identifier(kept)
                )
            )
            cursor.execute(
                pg_sql.SQL("ALTER DATABASE {} RENAME TO {}").format(
                    pg_sql.Identifier(restored), pg_sql.Identifier(name)
                )
            )
    finally:
        server.close()
    current_app.logger.warning("database restored from %s; the old one is %s", dump, kept)
    return kept


def _pg_restore(program, dump, parameters, server, restored):
    """pg_restore into the new database, then its migrations checked; dropped on failure."""
    environment = dict(os.environ)
    for key, variable in (
        ("host", "PGHOST"),
        ("port", "PGPORT"),
        ("user", "PGUSER"),
        ("password", "PGPASSWORD"),
    ):
        if parameters.get(key):
            environment[variable] = str(parameters[key])
    command = [program, "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction"]
    try:
        done = subprocess.run(
            [*command, "--dbname", restored, dump],
            env=environment,
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            raise RestoreRefused(f"pg_restore failed: {done.stderr.strip()[-500:]}")
        check = pg_connect(**parameters)
        try:
            with check.cursor() as cursor:
                cursor.execute("SELECT name FROM schema_migration")
                applied = [row[0] for row in cursor.fetchall()]
        except Exception as error:
            raise RestoreRefused(f"{dump} is not a backup of the intranet: {error}") from error
        finally:
            check.close()
        _check_applied(applied)
    except BaseException:
        with server.cursor() as cursor:
            cursor.execute(
                pg_sql.SQL("DROP DATABASE IF EXISTS {}").format(pg_sql.Identifier(restored))
            )
        raise
