"""Many rounds of simultaneous actions, by long-lived workers that start each round together.

A `Scenario` says how to set up all rounds in bulk (`prepare(rounds)` returns the plan:
`plan[round][racer]` holds the arguments racer `racer` gives `act` in that round), what a
racer does (`act`), which exception the losers get (`refusal`), and what the database must
hold afterwards (`check(plan, results)`). `play(scenario, ...)` runs it: every worker lives
through all rounds and waits at a barrier before each, so all racers of a round act at the
same moment. On SQLite the workers are processes (each with its own app and connections,
as under gunicorn); on PostgreSQL threads (each with its own pooled connection). `act` runs
in an app context and returns something picklable.

tests/test_races_at_scale.py plays the deciding votes. The renewal round's signing plugs in
the same way once the rounds feature is merged: a Scenario whose `prepare` creates
`rounds` open invitations in bulk (each organisation with two contactpersonen, the racers),
whose `act(invitation_id, user_id)` calls the rounds feature's signing function, whose
`refusal` is "AlreadyHandled", and whose `check` finds every invitation signed once: one
audit event and one confirmation e-mail per invitation. Add it to SCENARIOS there.
"""

import multiprocessing
import queue
import threading
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from intranet.app import create_app
from intranet.db import db
from intranet.workflows.timers import tick
from tests.conftest import TEST_CONFIG

BARRIER_TIMEOUT = 60


def _play(app, racer, plan, act, barrier, answers):
    """One worker: every round, wait for the others, act, report."""
    with app.app_context():
        try:
            for number, arguments in enumerate(plan):
                try:
                    barrier.wait(BARRIER_TIMEOUT)
                except threading.BrokenBarrierError:
                    return  # another worker died: the parent reports the missing rounds
                try:
                    outcome = ("done", act(*arguments[racer]))
                except Exception as error:  # the losers of a race are refused; report how
                    why = getattr(error, "message", None) or str(error)[:200]
                    outcome = ("refused", type(error).__name__, why)
                answers.put((number, racer, outcome))
        finally:
            db.close()


def _process(database_url, racer, plan, act, barrier, answers):
    """A worker process: its own app (and connection pool) on the same database."""
    app = create_app({**TEST_CONFIG, "DATABASE_URL": database_url})
    _play(app, racer, plan, act, barrier, answers)


def run_rounds(plan, act, *, app, database_url, processes):
    """Play every round; returns {round: [outcome of racer 0, racer 1, ...]}."""
    racers = len(plan[0])
    if processes:
        db.close_all()  # no connection of ours may be shared with a forked child
        context = multiprocessing.get_context("fork")
        barrier, answers = context.Barrier(racers), context.Queue()
        workers = [
            context.Process(
                target=_process, args=(database_url, racer, plan, act, barrier, answers)
            )
            for racer in range(racers)
        ]
    else:
        barrier, answers = threading.Barrier(racers), queue.Queue()
        workers = [
            threading.Thread(target=_play, args=(app, racer, plan, act, barrier, answers))
            for racer in range(racers)
        ]
    for worker in workers:
        worker.start()
    results = {number: [None] * racers for number in range(len(plan))}
    try:
        for _ in range(len(plan) * racers):
            number, racer, outcome = answers.get(timeout=BARRIER_TIMEOUT)
            results[number][racer] = outcome
    except queue.Empty:
        pass  # the check below names the rounds that never finished
    for worker in workers:
        worker.join(BARRIER_TIMEOUT)
    return results


def one_winner_per_round(results, refusal):
    """Problems (empty if none): every round exactly one racer done, the others refused."""
    problems = []
    for number, outcomes in sorted(results.items()):
        kinds = Counter(outcome[0] if outcome else "missing" for outcome in outcomes)
        refused = [o for o in outcomes if o and o[0] == "refused"]
        if kinds != Counter({"done": 1, "refused": len(outcomes) - 1}):
            problems.append(f"round {number}: {outcomes}")
        elif any(o[1] != refusal for o in refused):
            problems.append(f"round {number}: refused otherwise than by {refusal}: {refused}")
    return problems


@dataclass(frozen=True)
class Scenario:
    """A race played many rounds over: set up in bulk, act at once, check the outcome."""

    name: str
    prepare: Callable  # (rounds) -> plan: plan[round][racer] = arguments of act
    act: Callable  # (*arguments) -> outcome, in a worker with its own app context
    refusal: str  # the exception (class name) every loser of a round gets
    check: Callable  # (plan, results) -> None; asserts what the database holds afterwards


def play(scenario, rounds, *, app, database_url, processes):
    """Prepare, race and check a scenario; returns the results."""
    plan = scenario.prepare(rounds)
    results = run_rounds(
        plan, scenario.act, app=app, database_url=database_url, processes=processes
    )
    problems = one_winner_per_round(results, scenario.refusal)
    assert not problems, f"{len(problems)} bad round(s):\n" + "\n".join(problems[:20])
    scenario.check(plan, results)
    return results


def ticks_at_once(app, moment, count=2):
    """Run `count` ticks for the same moment together, each in a thread with its own
    connection; what each tick returned."""
    barrier, results = threading.Barrier(count), []

    def run():
        with app.app_context():
            barrier.wait()
            try:
                results.append(tick(moment))
            finally:
                db.close()

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(BARRIER_TIMEOUT)
    return results
