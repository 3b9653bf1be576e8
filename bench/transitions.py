"""Cost of firing a transition through the engine next to the same writes done by hand.

    .venv/bin/python bench/transitions.py [--rounds 2000] [--postgres SERVER_URL]

Both sides run in one write transaction per step on the same database: the engine re-reads
the case under lock, checks role and conditions, lets the transitions Machine change the
state, saves it and appends the audit event; the plain side does only the UPDATE and the
INSERT. The last line is `ratio: <engine/plain>`. Like bench/load.py it works on a database
of its own: a temporary SQLite file, or one it creates on the PostgreSQL server and drops.
"""

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from contextlib import redirect_stderr

# This file's name shadows the transitions library: put the repository first instead.
sys.path[0] = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

from bench.load import own_database  # noqa: E402
from intranet.admission.models import Application  # noqa: E402
from intranet.app import create_app  # noqa: E402
from intranet.clock import now  # noqa: E402
from intranet.db import db, upgrade, write_transaction  # noqa: E402
from intranet.models import Membership, Organisation, User  # noqa: E402
from intranet.workflows import engine  # noqa: E402
from intranet.workflows.definition import Transition, Workflow  # noqa: E402
from intranet.workflows.models import AuditEvent  # noqa: E402

LEADER = frozenset({"projectleider"})


def bench_workflow(model):
    """Two states and a step back and forth, without effects: the engine's own cost."""
    return Workflow(
        name="bench",
        label="Bench",
        model=model,
        states={"concept": "Concept", "bij_projectleider": "Bij de projectleider"},
        initial="concept",
        transitions=[
            Transition("heen", "concept", "bij_projectleider", "Heen", LEADER),
            Transition("terug", "bij_projectleider", "concept", "Terug", LEADER),
        ],
    )


def setup(url):
    """A fresh database migrated, with one leader (confirmed, with a seat) and one case."""
    app = create_app({"SECRET_KEY": "bench", "DEVELOPMENT": True, "DATABASE_URL": url})
    context = app.app_context()
    context.push()
    upgrade()
    leader = User.create(email="pl@example.org", name="Projectleider", email_confirmed_at=now())
    Membership.create(user=leader, group="projectleider")
    leader = User.get_by_id(leader.id)
    organisation = Organisation.create(name="Bench", sector="bedrijf", municipality="Leiden")
    case = Application.create(organisation=organisation, applicant=leader, route="basis")
    return bench_workflow(Application), case, leader


def run_engine(workflow, case, leader, rounds):
    """Fire the step back and forth through the engine."""
    start = time.perf_counter()
    for index in range(rounds):
        engine.fire(workflow, case.id, "heen" if index % 2 == 0 else "terug", leader)
    return time.perf_counter() - start


def run_plain(workflow, case, leader, rounds):
    """The same writes by hand: UPDATE the state, INSERT the audit event."""
    model = workflow.model
    start = time.perf_counter()
    for index in range(rounds):
        source, dest = ("concept", "bij_projectleider")[:: 1 if index % 2 == 0 else -1]
        with write_transaction():
            model.update(state=dest).where(model.id == case.id).execute()
            AuditEvent.insert(
                workflow="bench",
                case_id=case.id,
                from_state=source,
                to_state=dest,
                trigger="heen",
                actor=leader.id,
                actor_label=leader.name,
                at=now(),
                comment="",
                data=json.dumps({}),
            ).execute()
    return time.perf_counter() - start


def main():
    """Run both sides, best of three, and print the ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=2000)
    parser.add_argument("--postgres", metavar="SERVER_URL")
    args = parser.parse_args()
    folder = tempfile.mkdtemp()
    with own_database(args.postgres, folder) as url:
        workflow, case, leader = setup(url)
        # the engine's log lines are formatted as always, and written where journald would
        # take them, not to a terminal that would make the engine wait for it
        with open(os.devnull, "w") as sink, redirect_stderr(sink):
            run_engine(workflow, case, leader, 100)  # warm up (leaves the case in 'concept')
            engine_time = min(run_engine(workflow, case, leader, args.rounds) for _ in range(3))
            plain_time = min(run_plain(workflow, case, leader, args.rounds) for _ in range(3))
        db.close_all()  # before the database is dropped
    shutil.rmtree(folder, ignore_errors=True)
    per = 1e6 / args.rounds
    print(f"database: {url.split(':')[0]}, rounds: {args.rounds}")
    print(f"engine: {engine_time * per:.0f} µs per transition")
    print(f"plain:  {plain_time * per:.0f} µs per update + insert")
    print(f"ratio: {engine_time / plain_time:.2f}")


if __name__ == "__main__":
    main()
