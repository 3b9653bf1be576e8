"""One deadline whose action raises stops nothing else: the other deadlines fire, mail leaves,
pruning runs and the tick is noted; the failure is logged and shown in /healthz until it
fires."""

import json
from datetime import timedelta

from intranet.clock import now
from intranet.models import OutboxMessage, UsedLink
from intranet.workflows import engine, timers
from intranet.workflows.models import Deadline
from tests.support.smtp_server import Recorder, smtp_server


def test_a_deadline_whose_action_raises_stops_nothing_else(app, client, runner, monkeypatch):
    workflow = next(iter(engine.registered()))
    due = now() - timedelta(minutes=5)
    before, broken, after = (
        Deadline.create(workflow=workflow, case_id=999_999, action=action, due_at=due)
        for action in ("eerste", "kapot", "laatste")
    )
    real_run = timers._run

    def run(workflow_, deadline, moment):
        if deadline.id == broken.id:
            Deadline.update(outcome="half").where(Deadline.id == deadline.id).execute()
            raise RuntimeError("de actie faalt")
        return real_run(workflow_, deadline, moment)

    monkeypatch.setattr(timers, "_run", run)
    OutboxMessage.insert_many(
        [{"to": f"lid{n}@example.org", "subject": "S", "body": "B"} for n in range(3)]
    ).execute()
    UsedLink.create(nonce="oud", purpose="x", used_at=now() - timedelta(days=400))
    recorder = Recorder()
    with smtp_server(recorder) as config:
        app.config.update(config)
        result = runner.invoke(args=["workflows", "tick"])
    assert result.exit_code == 1 and "fout: 1" in result.output
    assert "termijn(en)" in result.output and "RuntimeError" in result.output
    # the others fired; the broken one rolled back whole and stays due, with its error
    assert Deadline.get_by_id(before.id).fired_at and Deadline.get_by_id(after.id).fired_at
    stored = Deadline.get_by_id(broken.id)
    assert stored.fired_at is None and stored.outcome == "" and stored.error == "RuntimeError"
    # mail, pruning and the tick's stamp happened all the same
    assert len(recorder.messages) == 3
    assert not UsedLink.select().exists()
    assert timers.last_tick() is not None
    lines = [json.loads(line) for line in result.output.splitlines() if line[:1] == "{"]
    failure = next(line for line in lines if "failed" in line["message"])
    assert failure["level"] == "ERROR" and "de actie faalt" in failure["exc_info"]
    tick_line = next(line for line in lines if line.get("event") == "tick")
    assert tick_line["mail_sent"] == 3 and tick_line["pruned_used_links"] == 1
    response = client.get("/healthz")
    problem = f"1 termijn(en) {workflow}/kapot mislukt bij de laatste tick: RuntimeError"
    assert response.status_code == 503 and response.json["problems"] == [problem]

    monkeypatch.setattr(timers, "_run", real_run)  # repaired: the next tick fires it
    assert runner.invoke(args=["workflows", "tick"]).exit_code == 0
    fired = Deadline.get_by_id(broken.id)
    assert fired.fired_at and fired.error is None
    assert client.get("/healthz").json["problems"] == []


def test_mail_and_pruning_run_even_when_every_deadline_fails(app, monkeypatch):
    workflow = next(iter(engine.registered()))
    Deadline.create(workflow=workflow, case_id=1, action="x", due_at=now() - timedelta(hours=1))

    def run(*_):
        raise ValueError("stuk")

    monkeypatch.setattr(timers, "_run", run)
    OutboxMessage.create(to="a@example.org", subject="S", body="B")
    counts = timers.tick()
    assert counts[timers.FAILED] == 1
    assert OutboxMessage.get().status == "stored"  # no MAIL_SERVER: kept by the tick
    assert timers.last_tick() is not None
