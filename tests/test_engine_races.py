"""Conflicting steps fired at the same moment: exactly one wins, the rest are told."""

import multiprocessing
import threading
from datetime import timedelta

from intranet.admission.models import Application
from intranet.admission.workflow import WORKFLOW as admission
from intranet.app import create_app
from intranet.db import db
from intranet.models import User
from intranet.workflows import engine
from intranet.workflows.models import AuditEvent
from tests.conftest import TEST_CONFIG
from tests.support import factories
from tests.support.races import ticks_at_once

CONFLICTING = [
    ("bevestigen", ""),
    ("afwijzen", "nee"),
    ("escaleren", "twijfel"),
    ("aanvulling_vragen", "vraag"),
] * 2


def _fire(app, case_id, leader_id, trigger, comment, barrier, results):
    with app.app_context():
        leader = User.get_by_id(leader_id)
        barrier.wait()
        try:
            engine.fire(
                admission,
                case_id,
                trigger,
                leader,
                expected_state="bij_projectleider",
                comment=comment,
            )
            results.append("won")
        except engine.AlreadyHandled:
            results.append("already handled")
        finally:
            db.close()


def _assert_one_winner(case, results):
    assert sorted(results) == ["already handled"] * (len(CONFLICTING) - 1) + ["won"]
    left = AuditEvent.select().where(
        AuditEvent.case_id == case.id, AuditEvent.from_state == "bij_projectleider"
    )
    assert left.count() == 1
    assert Application.get_by_id(case.id).state == left.get().to_state


def test_threads_firing_conflicting_steps_give_one_winner(app, submitted, leader):
    barrier, results = threading.Barrier(len(CONFLICTING)), []
    threads = [
        threading.Thread(target=_fire, args=(app, submitted.id, leader.id, t, c, barrier, results))
        for t, c in CONFLICTING
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    _assert_one_winner(submitted, results)


def _process_fire(url, case_id, leader_id, trigger, comment, barrier, results):
    app = create_app({**TEST_CONFIG, "DATABASE_URL": url})
    local = []
    _fire(app, case_id, leader_id, trigger, comment, barrier, local)
    results.extend(local)


def test_processes_firing_conflicting_steps_give_one_winner(app, submitted, leader, database_url):
    db.close_all()
    context = multiprocessing.get_context("fork")
    with context.Manager() as manager:
        barrier, results = manager.Barrier(len(CONFLICTING)), manager.list()
        processes = [
            context.Process(
                target=_process_fire,
                args=(database_url, submitted.id, leader.id, t, c, barrier, results),
            )
            for t, c in CONFLICTING
        ]
        for process in processes:
            process.start()
        for process in processes:
            process.join(60)
        outcome = list(results)
    _assert_one_winner(submitted, outcome)


def test_two_ticks_at_once_fire_each_deadline_once(app, make_user):
    from intranet.workflows.models import Deadline

    leader = make_user("projectleider")
    cases = [factories.Case(make_user(), name=f"Org {n}").nominated(leader).get() for n in range(4)]
    moment = max(d.due_at for d in Deadline.select()) + timedelta(minutes=1)
    results = ticks_at_once(app, moment)
    # each vote has two deadlines: the reminder to members who have not voted, and its close
    assert sum(r["uitgevoerd"] for r in results) == 2 * len(cases)
    closed = AuditEvent.select().where(AuditEvent.trigger == "geen_meerderheid")
    assert closed.count() == len(cases)
    assert {c.state for c in Application.select()} == {"regiegroep"}
