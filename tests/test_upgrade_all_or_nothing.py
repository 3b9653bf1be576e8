"""`db upgrade` checks, then changes, all or nothing (issue 23): a migration that runs while a
case stands in a state its workflow no longer declares, or a migration that fails, leaves
the database exactly as it was (no table, no history row), on SQLite and PostgreSQL; when
all is well the migration stays, once."""

import shutil

import pytest

from intranet import db as database
from intranet.admission.models import Application
from intranet.db import db, migration_runner
from tests.support import factories

PROBE = """
from peewee import *


def up(migrator, db):
    db.execute_sql("CREATE TABLE upgrade_probe (id INTEGER PRIMARY KEY, note TEXT)")
    db.execute_sql("INSERT INTO upgrade_probe (id, note) VALUES (1, 'er')")
    db.execute_sql("UPDATE organisation SET name = name || ' (gemigreerd)'")
    {fail}


def down(migrator, db):
    db.execute_sql("DROP TABLE upgrade_probe")
    db.execute_sql("UPDATE organisation SET name = REPLACE(name, ' (gemigreerd)', '')")
"""


@pytest.fixture
def migrations(tmp_path, monkeypatch):
    """The real migrations and one more, 0099_probe, in a folder of their own."""
    folder = tmp_path / "migrations"
    shutil.copytree(database.MIGRATIONS, folder)

    def with_probe(fail=""):
        (folder / "0099_probe.py").write_text(PROBE.format(fail=fail))
        return folder

    monkeypatch.setattr(database, "MIGRATIONS", str(folder))
    return with_probe


def _state():
    applied = set(migration_runner().applied())
    names = sorted(name for (name,) in db.execute_sql("SELECT name FROM organisation").fetchall())
    return "upgrade_probe" in db.get_tables(), "0099_probe" in applied, names


def test_a_case_in_an_undeclared_state_stops_the_upgrade_and_nothing_changes(
    app, runner, migrations
):
    migrations()
    case = factories.Case(factories.person(), name="Stichting Proef").get()
    Application.update(state="verdwenen").where(Application.id == case.id).execute()
    before = _state()
    result = runner.invoke(args=["db", "upgrade"])
    assert result.exit_code != 0
    assert "nothing was changed" in result.output and "verdwenen" in result.output
    assert "applied" not in result.output
    assert _state() == before == (False, False, ["Stichting Proef"])


def test_a_failing_migration_leaves_nothing_behind(app, runner, migrations):
    migrations(fail='raise RuntimeError("kapot")')
    factories.organisation(name="Stichting Proef")
    result = runner.invoke(args=["db", "upgrade"])
    assert result.exit_code != 0 and "kapot" in result.output
    assert _state() == (False, False, ["Stichting Proef"])


def test_an_upgrade_that_passes_its_check_stays(app, runner, migrations):
    migrations()
    factories.organisation(name="Stichting Proef")
    try:
        result = runner.invoke(args=["db", "upgrade"])
        assert result.exit_code == 0 and "applied: 0099_probe" in result.output
        assert _state() == (True, True, ["Stichting Proef (gemigreerd)"])
        again = runner.invoke(args=["db", "upgrade"])
        assert again.exit_code == 0 and "schema is current" in again.output
    finally:
        migration_runner().down()  # the worker's database goes back to the real schema
    assert _state() == (False, False, ["Stichting Proef"])
