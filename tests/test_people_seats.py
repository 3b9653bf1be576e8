"""Seats: start and end dates, werkveld and hoofdthema, exactly one voorzitter, audited; a change
of the projectgroep re-counts every open vote at once (on SQLite and PostgreSQL)."""

from datetime import timedelta

import pytest

from intranet.admission.models import Application
from intranet.admission.vote_rule import tally
from intranet.clock import today
from intranet.models import Membership, User
from intranet.people import account_changes, seats
from intranet.people.audit import of_person
from intranet.privacy.operations import anonymise
from intranet.refusals import Refused
from tests.support import factories
from tests.support.factories import cast_vote

DAY = timedelta(days=1)


def seat(user, group="projectgroep", start=-10, end=1000, **fields):
    """A seat from so many days from today to so many days from today."""
    defaults = {"werkveld": "partners"} if group == "projectgroep" else {}
    return seats.add_seat(
        user, group, today() + start * DAY, today() + end * DAY, None, **{**defaults, **fields}
    )


def test_only_a_seat_current_today_makes_a_member(make_user):
    past, future, now_ = make_user(), make_user(), make_user()
    Membership.create(
        user=past, group="projectgroep", starts_on=today() - 20 * DAY, ends_on=today()
    )
    Membership.create(user=future, group="projectgroep", starts_on=today() + DAY)
    Membership.create(user=now_, group="projectgroep", starts_on=today(), ends_on=today() + DAY)
    assert [u.id for u in User.in_group("projectgroep")] == [now_.id]
    assert User.get_by_id(past.id).roles == set() and "projectgroep" in now_.roles


def test_two_seats_per_werkveld_and_one_for_the_gemeente(make_user):
    seat(make_user(), werkveld="PO", hoofdthema="motivatie")
    seat(make_user(), werkveld="PO", hoofdthema="maatwerk")
    with pytest.raises(Refused, match="Primair onderwijs heeft in die periode al 2 zetels"):
        seat(make_user(), werkveld="PO", hoofdthema="overgang")
    seat(make_user(), werkveld="gemeente")
    with pytest.raises(Refused, match="Gemeente heeft in die periode al één zetel"):
        seat(make_user(), werkveld="gemeente")


def test_a_projectgroep_seat_in_a_werkveld_needs_a_hoofdthema(make_user):
    with pytest.raises(Refused, match="hoofdthema"):
        seat(make_user(), werkveld="VO")


def test_the_first_regiegroep_member_is_voorzitter_and_there_is_only_ever_one(make_user):
    first, second = make_user(), make_user()
    one = seat(first, "regiegroep")
    two = seat(second, "regiegroep")
    assert Membership.get_by_id(one.id).voorzitter and not Membership.get_by_id(two.id).voorzitter
    seats.make_voorzitter(two.id, None)
    chairs = Membership.current("regiegroep").where(Membership.voorzitter)
    assert [c.user_id for c in chairs] == [second.id]
    assert "voorzitter" in User.get_by_id(second.id).roles
    assert "voorzitter" not in User.get_by_id(first.id).roles


def test_ending_the_voorzitters_seat_while_others_remain_is_refused(make_user):
    chair = seat(make_user(), "regiegroep")
    seat(make_user(), "regiegroep")
    with pytest.raises(Refused, match="Wijs eerst een andere voorzitter aan"):
        seats.end_seat(chair.id, today(), None)
    assert Membership.get_by_id(chair.id).ends_on == today() + 1000 * DAY


def test_the_last_member_may_leave_with_the_voorzitter_seat(make_user):
    chair = seat(make_user(), "regiegroep")
    seats.end_seat(chair.id, today(), None)
    assert not Membership.current("regiegroep").exists()


def test_ending_a_seat_twice_is_refused(make_user):
    member = seat(make_user())
    seats.end_seat(member.id, today(), None)
    with pytest.raises(Refused, match="al beëindigd"):
        seats.end_seat(member.id, today(), None)


def test_a_second_overlapping_seat_of_the_same_person_is_refused(make_user):
    person = make_user()
    seat(person, werkveld="VO", hoofdthema="motivatie")
    with pytest.raises(Refused, match="al een zetel"):
        seat(person, werkveld="PO", hoofdthema="motivatie")


def test_seat_changes_are_audited(make_user, leader):
    person = make_user()
    added = seats.add_seat(
        person, "projectgroep", today(), today() + 400 * DAY, leader, werkveld="gemeente"
    )
    seats.end_seat(added.id, today() + 10 * DAY, leader)
    trail = [(e.actor_label, e.comment) for e in of_person(person)]
    assert trail[0][0] == leader.name and "zetel eindigt op" in trail[0][1]
    assert "krijgt een zetel: projectgroep (Gemeente" in trail[1][1]


def test_a_member_leaving_closes_an_open_vote_with_the_majority_of_the_rest(make_user, leader):
    members = [make_user() for _ in range(14)]
    for number, member in enumerate(members):
        Membership.create(user=member, group="projectgroep", werkveld=f"w{number}")
    case = factories.Case(make_user(), name="Techniek Lab").nominated(leader).get()
    for member in members[:7]:
        cast_vote(case.id, member, "voor")
    assert Application.get_by_id(case.id).state == "stemming"
    assert (tally(case).members, tally(case).majority) == (14, 8)
    leaving = Membership.get(Membership.user == members[13].id)
    seats.end_seat(leaving.id, today(), leader)
    assert Application.get_by_id(case.id).state == "toegelaten"
    assert (tally(case).members, tally(case).majority, tally(case).voor) == (13, 7, 7)


def test_a_new_member_does_not_close_a_vote_that_is_still_open(make_user, leader):
    members = [make_user("projectgroep") for _ in range(4)]
    case = factories.Case(make_user()).nominated(leader).get()
    cast_vote(case.id, members[0], "voor")
    cast_vote(case.id, members[1], "voor")
    seat(make_user(), werkveld="gemeente")
    assert Application.get_by_id(case.id).state == "stemming"
    assert tally(case).members == 5


def test_deactivating_a_member_re_counts_the_open_votes(make_user, leader):
    members = [make_user("projectgroep") for _ in range(4)]
    case = factories.Case(make_user()).nominated(leader).get()
    for member in members[:2]:
        cast_vote(case.id, member, "voor")
    assert Application.get_by_id(case.id).state == "stemming"  # 2 of 4: no majority yet
    account_changes.deactivate(members[3].id, leader)
    assert Application.get_by_id(case.id).state == "toegelaten"  # 2 of 3 is a majority


def test_anonymising_a_member_re_counts_the_open_votes_as_deactivating_does(make_user, leader):
    members = [make_user("projectgroep") for _ in range(4)]
    case = factories.Case(make_user()).nominated(leader).get()
    for member in members[:2]:
        cast_vote(case.id, member, "voor")
    assert Application.get_by_id(case.id).state == "stemming"  # 2 of 4: no majority yet
    anonymise(members[3], leader)
    assert Application.get_by_id(case.id).state == "toegelaten"  # 2 of 3 is a majority
    assert (tally(case).members, tally(case).voor) == (3, 2)


def test_anonymising_the_voorzitter_is_refused_while_the_regiegroep_has_members(make_user, leader):
    chair = make_user("regiegroep", voorzitter=True)
    make_user("regiegroep")
    with pytest.raises(Refused, match="Wijs eerst een andere voorzitter aan") as refused:
        anonymise(chair, leader)
    assert refused.value.status == 409
    kept = User.get_by_id(chair.id)
    assert kept.name == chair.name and kept.active and "voorzitter" in kept.roles


def test_the_last_member_of_the_regiegroep_may_be_anonymised_as_voorzitter(make_user, leader):
    chair = make_user("regiegroep", voorzitter=True)
    anonymise(chair, leader)
    assert not Membership.current("regiegroep").exists()


def test_the_page_says_why_the_voorzitter_cannot_be_anonymised(client, login, make_user, leader):
    chair = make_user("regiegroep", voorzitter=True)
    make_user("regiegroep")
    login(leader)
    response = client.post(
        f"/beheer/personen/{chair.id}/anonimiseren", data={"bevestig": "ja"}, follow_redirects=True
    )
    assert "Wijs eerst een andere voorzitter aan" in response.get_data(as_text=True)
    assert User.get_by_id(chair.id).name == chair.name
