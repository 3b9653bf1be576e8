"""Two people taking the last seat at the same moment: one seat, one waiting-list place."""

import pytest

from intranet.models import User
from intranet.network.models import Invitation
from intranet.network.rsvp import answer
from tests.support.network_support import published
from tests.support.races import run_rounds

ROUNDS = 6


def _take_seat(meeting_id, user_id):
    """A racer says komt; reports where it ended up."""
    return answer(meeting_id, user_id, "komt").answer


@pytest.fixture
def plan(make_user):
    """ROUNDS meetings with one seat left, each with two invitees racing for it."""
    leader = make_user("projectleider")
    rounds = []
    for _ in range(ROUNDS):
        taken, first, second = make_user(), make_user(), make_user()
        meeting = published(leader, people=[taken, first, second], capacity=2)
        answer(meeting.id, taken.id, "komt")
        rounds.append([(meeting.id, first.id), (meeting.id, second.id)])
    return rounds


@pytest.mark.parametrize("processes", [False, True], ids=["threads", "processes"])
def test_two_people_taking_the_last_seat_at_once_get_one_seat_and_one_waiting_place(
    app, database_url, plan, processes
):
    results = run_rounds(plan, _take_seat, app=app, database_url=database_url, processes=processes)
    for number, outcomes in results.items():
        assert sorted(outcome[:2] for outcome in outcomes) == [
            ("done", "komt"),
            ("done", "wachtlijst"),
        ], f"round {number}: {outcomes}"
    for racers in plan:
        meeting_id = racers[0][0]
        coming = Invitation.select().where(
            Invitation.meeting == meeting_id, Invitation.answer == "komt"
        )
        assert coming.count() == 2  # the seat taken before, and one racer
    assert User.select().count() == 1 + 3 * ROUNDS
