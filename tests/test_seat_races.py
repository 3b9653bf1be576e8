"""Seats given at the same moment to a group that is still empty (issue 23): on PostgreSQL
the row locks of an empty group locked nothing, and two voorzitters, two seats of one person
and two gemeente seats came out of one round. Every round here starts with no seats at all,
and its racers act together, each on its own connection (threads; on SQLite they take turns
at BEGIN IMMEDIATE, on PostgreSQL the advisory lock per group serialises them).

And the database's own net (migrations/0017): a second voorzitter or an overlapping seat
written past the code is refused with a message, not a 500.
"""

import threading
from datetime import timedelta

import pytest

from intranet.clock import today
from intranet.db import db
from intranet.models import Membership
from intranet.people import seats
from intranet.refusals import Refused
from intranet.workflows.models import AuditEvent
from tests.support import factories

ROUNDS = 30
RACERS = 3
YEAR = timedelta(days=365)


def _play(app, barrier, outcomes, index, action):
    """One racer: wait for the others, act, note the outcome."""
    with app.app_context():
        try:
            barrier.wait(30)
            action()
            outcomes[index] = "done"
        except Refused as refused:
            outcomes[index] = refused.status
        except Exception as error:  # a 500 in the making: reported, never swallowed
            outcomes[index] = repr(error)
        finally:
            db.close()


def _race(app, rounds, actions):
    """Play `rounds` rounds: the seats emptied, then every action at once; returns, per
    round, the outcome of each action ('done' or the refusal's status)."""
    results = []
    for _ in range(rounds):
        Membership.delete().execute()
        barrier = threading.Barrier(len(actions))
        outcomes = [None] * len(actions)
        threads = [
            threading.Thread(target=_play, args=(app, barrier, outcomes, index, action))
            for index, action in enumerate(actions)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
        results.append(outcomes)
    return results


def _give(user, group, actor, **fields):
    return lambda: seats.add_seat(user, group, today(), today() + 4 * YEAR, actor, **fields)


def test_the_first_seats_of_an_empty_regiegroep_make_one_voorzitter(app):
    actor = factories.person("projectleider")
    members = [factories.person() for _ in range(RACERS)]
    chairs = []
    for outcomes in _race(app, ROUNDS, [_give(m, "regiegroep", actor) for m in members]):
        assert outcomes == ["done"] * RACERS
        chairs.append(Membership.select().where(Membership.voorzitter).count())
    assert chairs == [1] * ROUNDS


def test_the_same_seat_sent_twice_at_once_is_given_once(app):
    actor = factories.person("projectleider")
    member = factories.person()
    give = _give(member, "projectgroep", actor, werkveld="VO", hoofdthema="motivatie")
    counts = []
    for outcomes in _race(app, ROUNDS, [give] * RACERS):
        assert sorted(outcomes, key=str) == sorted(["done"] + [409] * (RACERS - 1), key=str)
        counts.append(Membership.select().count())
    assert counts == [1] * ROUNDS


def test_the_gemeente_seat_is_given_once_when_asked_for_at_once(app):
    actor = factories.person("projectleider")
    members = [factories.person() for _ in range(RACERS)]
    counts = []
    actions = [_give(m, "projectgroep", actor, werkveld="gemeente") for m in members]
    for outcomes in _race(app, ROUNDS, actions):
        assert sorted(outcomes, key=str) == sorted(["done"] + [409] * (RACERS - 1), key=str)
        counts.append(Membership.select().where(Membership.werkveld == "gemeente").count())
    assert counts == [1] * ROUNDS
    audited = AuditEvent.select().where(AuditEvent.workflow == "leden").count()
    assert audited == ROUNDS  # one seat given per round, one audit record each


def test_the_database_refuses_a_second_voorzitter_written_past_the_rules(app):
    chair = factories.person("regiegroep", voorzitter=True)
    other = factories.person("regiegroep")
    with pytest.raises(Refused) as refused, seats.change(other, groups=("regiegroep",)):
        Membership.update(voorzitter=True).where(Membership.user == other.id).execute()
    assert refused.value.status == 409 and "al een voorzitter" in refused.value.message
    assert [s.user_id for s in Membership.select().where(Membership.voorzitter)] == [chair.id]


def test_the_database_refuses_an_overlapping_seat_written_past_the_rules(app):
    member = factories.person()
    seats.add_seat(member, "regiegroep", today(), today() + YEAR, None)
    with pytest.raises(Refused) as refused, seats.change(member, groups=("regiegroep",)):
        Membership.create(
            user=member, group="regiegroep", starts_on=today() + YEAR - timedelta(days=1)
        )
    assert refused.value.status == 409 and member.name in refused.value.message
    assert Membership.select().count() == 1
    # a seat that starts the day the first ends does not overlap it
    seats.add_seat(member, "regiegroep", today() + YEAR, None, None)
    assert Membership.select().count() == 2
