"""A backup taken while the app serves restores every case and audit event."""

import sqlite3
import threading

from intranet.admission.models import Application
from intranet.admission.workflow import WORKFLOW as admission
from intranet.db import database_for, db
from intranet.workflows import engine
from intranet.workflows.models import AuditEvent
from tests.conftest import PG_URL
from tests.support import factories


def test_backup_while_serving_restores_every_case_and_event(
    app, client, runner, make_user, tmp_path
):
    if PG_URL:  # PostgreSQL backups are pg_dump's job (docs/operations.md); the command says so
        result = runner.invoke(args=["db", "backup", str(tmp_path / "x")])
        assert result.exit_code != 0 and "pg_dump" in result.output
        return
    applicant = make_user()
    cases = [factories.Case(applicant, route="basis", name=f"Org {n}").get() for n in range(5)]
    for case in cases[:3]:
        engine.fire(admission, case.id, "indienen", applicant)
    serving = threading.Event()

    def keep_serving():
        while not serving.is_set():
            client.get("/inloggen")

    server = threading.Thread(target=keep_serving)
    server.start()
    try:
        result = runner.invoke(args=["db", "backup", str(tmp_path / "backup.sqlite3")])
    finally:
        serving.set()
        server.join()
    assert result.exit_code == 0, result.output
    expected = (
        sorted(Application.select(Application.id, Application.state).tuples()),
        AuditEvent.select().count(),
    )
    with sqlite3.connect(tmp_path / "backup.sqlite3") as check:
        assert check.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    db.initialize(database_for(f"sqlite:///{tmp_path / 'backup.sqlite3'}"))
    restored = (
        sorted(Application.select(Application.id, Application.state).tuples()),
        AuditEvent.select().count(),
    )
    assert restored == expected and expected[1] == 5 + 3
