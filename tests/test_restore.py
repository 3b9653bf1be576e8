"""Restores and rollbacks, as docs/operations.md walks them (issue 23).

SQLite: `db restore` writes a backup into the live database with SQLite's backup API, while
another connection reads and a -wal file is present: intact, the backup's data exactly, and
no table the backup does not know. PostgreSQL: `db restore` restores a pg_dump into a new
database that takes the old one's name: no table the dump does not know survives (the old
`pg_restore --clean` kept them and the next upgrade failed). A rollback: a backup, an
upgrade that applies a migration, the restore; the old code's `db upgrade` finds the schema
current. A damaged, foreign or newer backup is refused and nothing changes.
"""

import os
import shutil
import sqlite3
import subprocess
from contextlib import closing

import psycopg2
import pytest

from intranet import db as database
from intranet.db import db, is_sqlite, migration_runner
from intranet.models import Organisation
from tests.conftest import PG_DATABASE, PG_SERVER_URL, PG_URL
from tests.support import factories

PROBE = """
def up(migrator, db):
    db.execute_sql("CREATE TABLE release_two (id INTEGER PRIMARY KEY)")
"""


def _names():
    return sorted(o.name for o in Organisation.select())


def _backup(runner, tmp_path):
    """The backup the operator makes before an upgrade (docs/operations.md)."""
    if is_sqlite():
        path = tmp_path / "intranet-backup.sqlite3"
        result = runner.invoke(args=["db", "backup", str(path)])
        assert result.exit_code == 0, result.output
        return path
    path = tmp_path / "intranet-backup.dump"
    subprocess.run(["pg_dump", "--format=custom", "--file", str(path), PG_URL], check=True)
    return path


def _restore(runner, backup):
    db.close_all()
    result = runner.invoke(args=["db", "restore", str(backup)])
    return result


@pytest.fixture
def old_databases():
    """PostgreSQL: the databases a restore keeps aside are dropped after the test."""
    yield
    if PG_URL:
        with closing(psycopg2.connect(PG_SERVER_URL)) as server:
            server.autocommit = True
            with server.cursor() as cursor:
                cursor.execute(
                    "SELECT datname FROM pg_database WHERE datname LIKE %s",
                    (f"{PG_DATABASE}\\_%",),
                )
                for (name,) in cursor.fetchall():
                    cursor.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


def test_a_rollback_restores_the_backup_made_before_the_upgrade(
    app, runner, tmp_path, monkeypatch, old_databases
):
    factories.organisation(name="Voor de upgrade")
    backup = _backup(runner, tmp_path)
    # the upgrade: new code with a new migration, and work done on it afterwards
    folder = tmp_path / "release-two"
    folder.mkdir()
    for name in os.listdir(database.MIGRATIONS):
        if name.endswith(".py"):
            shutil.copy(os.path.join(database.MIGRATIONS, name), folder / name)
    (folder / "0099_release_two.py").write_text(PROBE)
    monkeypatch.setattr(database, "MIGRATIONS", str(folder))
    assert "applied: 0099_release_two" in runner.invoke(args=["db", "upgrade"]).output
    factories.organisation(name="Na de upgrade")
    reader = None
    if is_sqlite():  # a reader keeps the database open, and a -wal file is present
        reader = sqlite3.connect(db.obj.database)
        reader.execute("SELECT count(*) FROM organisation").fetchone()
        assert os.path.exists(db.obj.database + "-wal")
    # the rollback: the old code, and the backup restored
    monkeypatch.undo()
    result = _restore(runner, backup)
    assert result.exit_code == 0, result.output
    if reader is not None:
        assert reader.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert reader.execute("SELECT name FROM organisation").fetchall() == [("Voor de upgrade",)]
        reader.close()
    assert _names() == ["Voor de upgrade"]
    assert "release_two" not in db.get_tables()
    assert "0099_release_two" not in migration_runner().applied()
    again = runner.invoke(args=["db", "upgrade"])
    assert again.exit_code == 0 and "schema is current" in again.output
    if PG_URL:
        assert "the database as it was is kept as" in result.output


def test_a_damaged_a_foreign_or_a_newer_backup_is_refused_and_nothing_changes(
    app, runner, tmp_path, old_databases
):
    factories.organisation(name="Blijft")
    foreign = tmp_path / "foreign.backup"
    foreign.write_bytes(b"dit is geen backup" * 100)
    result = _restore(runner, foreign)
    assert result.exit_code != 0 and "nothing was restored" in result.output
    assert _names() == ["Blijft"]
    # a backup made by newer code (a migration this code does not have)
    db.execute_sql(
        "INSERT INTO schema_migration (name, applied) VALUES ('0999_future', '2030-01-01')"
    )
    newer = _backup(runner, tmp_path)
    db.execute_sql("DELETE FROM schema_migration WHERE name = '0999_future'")
    factories.organisation(name="Erbij")
    result = _restore(runner, newer)
    assert result.exit_code != 0 and "newer code" in result.output
    assert _names() == ["Blijft", "Erbij"]
