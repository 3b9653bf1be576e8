"""The vote inside the admission workflow: the majority rule as a table, votes as engine
activities on the timeline, a seat change or the deadline settles the vote."""

from datetime import timedelta

import pytest

from intranet.admission.models import Vote
from intranet.admission.vote_rule import GEEN, OWN_VOTE_STANDS, TEGEN, VOOR, vote_outcome
from intranet.admission.workflow import WORKFLOW as admission
from intranet.models import Membership
from intranet.workflows import engine, timers
from intranet.workflows.models import AuditEvent
from tests.support import factories
from tests.support.decide import fresh, people, text
from tests.support.factories import cast_vote


@pytest.mark.parametrize(
    ("members", "voor", "tegen", "twijfel", "deadline_passed", "outcome"),
    [
        (3, 2, 0, 0, False, VOOR),  # 2 of 3 is an absolute majority
        (3, 1, 0, 0, False, None),
        (3, 0, 2, 0, False, TEGEN),
        (3, 1, 1, 1, False, GEEN),  # everyone voted, no majority
        (4, 2, 2, 0, False, GEEN),  # half is no majority
        (4, 2, 0, 0, False, None),
        (4, 3, 0, 0, False, VOOR),
        (14, 7, 0, 0, False, None),  # 7 of 14 is half
        (13, 7, 0, 0, False, VOOR),  # 7 of 13 is a majority
        (5, 1, 0, 0, True, GEEN),  # the deadline passed without a majority
        (5, 3, 0, 0, True, VOOR),  # a majority at the deadline still decides
        (5, 0, 3, 0, True, TEGEN),
        (0, 0, 0, 0, False, None),  # nobody to vote: wait for the deadline
        (0, 0, 0, 0, True, GEEN),
        (3, 0, 0, 3, False, GEEN),  # all twijfel
    ],
)
def test_the_vote_outcome_is_an_absolute_majority_of_the_current_members(
    members, voor, tegen, twijfel, deadline_passed, outcome
):
    assert vote_outcome(members, voor, tegen, twijfel, deadline_passed) == outcome


def test_the_vote_steps_are_automatic_steps_with_named_conditions():
    steps = admission.automatic_from("stemming")
    assert [t.trigger for t in steps] == [
        "meerderheid_voor",
        "meerderheid_tegen",
        "geen_meerderheid",
    ]
    assert all(len(t.conditions) == 1 for t in steps)


@pytest.fixture
def fourteen(make_user):
    return people(make_user, members=14)


def test_a_member_leaving_settles_a_vote_that_now_has_its_majority(fourteen):
    case = factories.Case(fourteen.applicant).nominated(fourteen.leader).get()
    for member in fourteen.members[:7]:
        cast_vote(case.id, member, "voor")
    assert fresh(case).state == "stemming"  # 7 of 14 is no majority
    leaver = fourteen.members[-1]
    Membership.delete().where(Membership.user == leaver.id).execute()
    assert fresh(case).state == "stemming"  # nothing moves by itself
    settled = engine.settle_open(admission)
    assert [event.trigger for event in settled] == ["meerderheid_voor"]
    assert fresh(case).state == "toegelaten"


def test_tick_counts_again_before_it_escalates_at_the_deadline(fourteen):
    case = factories.Case(fourteen.applicant).nominated(fourteen.leader).get()
    for member in fourteen.members[:7]:
        cast_vote(case.id, member, "voor")
    Membership.delete().where(Membership.user == fourteen.members[-1].id).execute()
    timers.tick(fresh(case).vote_deadline + timedelta(minutes=1))
    assert fresh(case).state == "toegelaten"


def test_the_deadline_without_a_majority_still_escalates(fourteen):
    case = factories.Case(fourteen.applicant).nominated(fourteen.leader).get()
    cast_vote(case.id, fourteen.members[0], "voor")
    counts = timers.tick(fresh(case).vote_deadline + timedelta(minutes=1))
    # the reminder to the members who have not voted fires too (it was due days before)
    assert fresh(case).state == "regiegroep" and counts["uitgevoerd"] == 2


def _timeline(case):
    return [
        (e.trigger, e.actor_label, e.actor_id)
        for e in AuditEvent.for_case(admission.name, case.id)
        if e.from_state == e.to_state == "stemming"
    ]


def test_casting_changing_and_recording_a_vote_are_on_the_timeline(cast):
    case = factories.Case(cast.applicant).nominated(cast.leader).get()
    first, second = cast.members[:2]
    cast_vote(case.id, first, "twijfel")
    cast_vote(case.id, first, "tegen")
    cast_vote(case.id, second, "twijfel", "Per telefoon.", recorded_by=cast.leader)
    assert _timeline(case) == [
        ("stem_uitgebracht", first.name, first.id),
        ("stem_gewijzigd", first.name, first.id),
        ("stem_vastgelegd", f"{cast.leader.name} namens {second.name}", cast.leader.id),
    ]


def test_the_deciders_see_who_voted_on_the_timeline_but_not_how(client, login, cast):
    case = factories.Case(cast.applicant).nominated(cast.leader).get()
    cast_vote(case.id, cast.members[0], "tegen", "Geheim.")
    login(cast.leader)
    page = text(client.get(f"/aanmelding/{case.id}"))
    timeline = page.split('class="timeline"')[1].split("</ol>")[0]
    assert f"{cast.members[0].name}</strong>:\n      stem uitgebracht" in timeline
    assert "Geheim." not in timeline and "tegen" not in timeline


def test_the_applicant_does_not_see_the_votes_on_the_timeline(client, login, cast):
    case = factories.Case(cast.applicant).nominated(cast.leader).get()
    cast_vote(case.id, cast.members[0], "tegen", "Geheim.")
    login(cast.applicant)
    page = text(client.get(f"/aanmelding/{case.id}"))
    assert "stem uitgebracht" not in page and cast.members[0].name not in page


def test_a_recorded_vote_never_replaces_the_members_own_vote(client, login, cast):
    case = factories.Case(cast.applicant).nominated(cast.leader).get()
    member = cast.members[0]
    cast_vote(case.id, member, "tegen", "Mijn eigen stem.")
    login(cast.leader)
    response = client.post(
        f"/aanmeldingen/{case.id}/stem-vastleggen",
        data={"member": member.id, "choice": "voor", "motivation": "Per telefoon."},
    )
    assert response.status_code == 422
    assert OWN_VOTE_STANDS.format(member.name) in text(response)
    stored = Vote.get(Vote.application == case.id, Vote.member == member.id)
    assert (stored.choice, stored.motivation, stored.recorded_by_id) == (
        "tegen",
        "Mijn eigen stem.",
        None,
    )
    assert [t for t, _, _ in _timeline(case)] == ["stem_uitgebracht"]


def test_a_member_may_replace_a_vote_recorded_on_their_behalf(cast):
    case = factories.Case(cast.applicant).nominated(cast.leader).get()
    member = cast.members[0]
    cast_vote(case.id, member, "voor", recorded_by=cast.leader)
    cast_vote(case.id, member, "twijfel")
    stored = Vote.get(Vote.application == case.id, Vote.member == member.id)
    assert (stored.choice, stored.recorded_by_id) == ("twijfel", None)
