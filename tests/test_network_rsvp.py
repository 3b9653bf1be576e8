"""Answering an invitation: seats while there are some, then the waiting list, in line."""

import pytest

from intranet.formats import weekday_numbers
from intranet.models import OutboxMessage
from intranet.network.models import Invitation, Meeting
from intranet.network.rsvp import answer, change_capacity
from intranet.refusals import Refused
from tests.support.decide import HTMX
from tests.support.network_support import answers, begin, draft, published
from tests.support.world import snapshot


def test_an_invitee_who_comes_gets_a_seat(make_user, leader):
    person = make_user()
    meeting = published(leader, people=[person], capacity=10)
    assert answer(meeting.id, person.id, "komt").answer == "komt"
    assert answers(meeting) == {person.id: "komt"}


def test_when_the_meeting_is_full_a_new_komt_goes_to_the_waiting_list(make_user, leader):
    first, second, third = make_user(), make_user(), make_user()
    meeting = published(leader, people=[first, second, third], capacity=1)
    answer(meeting.id, first.id, "komt")
    assert answer(meeting.id, second.id, "komt").answer == "wachtlijst"
    assert answer(meeting.id, third.id, "komt").answer == "wachtlijst"
    assert answers(meeting) == {first.id: "komt", second.id: "wachtlijst", third.id: "wachtlijst"}


def test_a_freed_seat_goes_to_the_first_on_the_waiting_list_with_a_mail(make_user, leader):
    first, second, third = make_user(), make_user(), make_user()
    meeting = published(leader, people=[first, second, third], capacity=1)
    for person in (first, second, third):
        answer(meeting.id, person.id, "komt")
    answer(meeting.id, first.id, "komt_niet")
    assert answers(meeting) == {first.id: "komt_niet", second.id: "komt", third.id: "wachtlijst"}
    seat = OutboxMessage.select().where(OutboxMessage.subject.startswith("Er is een plaats vrij"))
    assert [message.to for message in seat] == [second.email]
    assert "/antwoord/" in seat.get().body


def test_saying_komt_twice_keeps_the_place_in_line(make_user, leader):
    first, second = make_user(), make_user()
    meeting = published(leader, people=[first, second], capacity=1)
    answer(meeting.id, first.id, "komt")
    waiting = answer(meeting.id, second.id, "komt")
    again = answer(meeting.id, second.id, "komt")
    assert again.answer == "wachtlijst" and again.waiting_since == waiting.waiting_since


def test_a_capacity_below_the_number_coming_is_refused(make_user, leader):
    people = [make_user() for _ in range(3)]
    meeting = published(leader, people=people, capacity=5)
    for person in people:
        answer(meeting.id, person.id, "komt")
    before = snapshot()
    with pytest.raises(Refused, match="Er komen al 3 mensen"):
        change_capacity(meeting.id, 2)
    assert snapshot() == before


def test_a_larger_capacity_gives_seats_to_the_waiting_list(make_user, leader):
    people = [make_user() for _ in range(3)]
    meeting = published(leader, people=people, capacity=1)
    for person in people:
        answer(meeting.id, person.id, "komt")
    change_capacity(meeting.id, 2)
    assert sorted(answers(meeting).values()) == ["komt", "komt", "wachtlijst"]


def test_an_answer_after_the_meeting_started_is_refused_and_changes_nothing(make_user, leader):
    person = make_user()
    meeting = begin(published(leader, people=[person]))
    before = snapshot()
    with pytest.raises(Refused, match="al begonnen"):
        answer(meeting.id, person.id, "komt")
    assert snapshot() == before


def test_someone_not_invited_cannot_answer(make_user, leader):
    meeting = published(leader, people=[make_user()])
    outsider = make_user()
    before = snapshot()
    with pytest.raises(Refused, match="niet uitgenodigd"):
        answer(meeting.id, outsider.id, "komt")
    assert snapshot() == before


def test_anyone_logged_in_may_sign_up_for_a_public_meeting(make_user, leader):
    meeting = published(leader, audience="publiek", capacity=1)
    first, second = make_user(), make_user()
    assert answer(meeting.id, first.id, "komt").answer == "komt"
    assert answer(meeting.id, second.id, "komt").answer == "wachtlijst"


def test_answering_on_the_page_without_javascript_redirects_back(client, login, make_user, leader):
    person = make_user()
    meeting = published(leader, people=[person])
    login(person)
    response = client.post(f"/bijeenkomsten/{meeting.id}/antwoord", data={"answer": "komt"})
    assert response.status_code == 303
    page = client.get(response.location).get_data(as_text=True)
    assert "Genoteerd: u komt." in page
    assert answers(meeting) == {person.id: "komt"}


def test_answering_with_htmx_swaps_only_the_answer_block(client, login, make_user, leader):
    person, other = make_user(), make_user()
    meeting = published(leader, people=[person, other], capacity=1)
    answer(meeting.id, other.id, "komt")
    login(person)
    response = client.post(
        f"/bijeenkomsten/{meeting.id}/antwoord", data={"answer": "komt"}, headers=HTMX
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and html.lstrip().startswith('<section id="answer-')
    assert "wachtlijst" in html and "<html" not in html


def test_the_page_tells_an_outsider_clearly_and_changes_nothing(client, login, make_user, leader):
    meeting = published(leader, people=[make_user()])
    login(make_user())
    before = snapshot()
    response = client.post(
        f"/bijeenkomsten/{meeting.id}/antwoord", data={"answer": "komt"}, headers=HTMX
    )
    assert response.status_code == 403
    assert "niet uitgenodigd" in response.get_data(as_text=True)
    assert snapshot() == before


def test_a_concept_meeting_is_not_shown_to_invitees(client, login, make_user, leader):
    person = make_user()
    meeting = draft(leader, people=[person])
    login(person)
    assert client.get(f"/bijeenkomsten/{meeting.id}").status_code == 404
    assert Meeting.get_by_id(meeting.id).state == "concept"
    assert not Invitation.select().exists()


def test_my_invitations_list_the_open_answers_first_then_the_newest(
    client, login, make_user, leader
):
    person = make_user()
    old = published(leader, people=[person], title="Bijeenkomst 2022")
    Meeting.update(
        starts_at=old.starts_at.replace(year=2022), ends_at=old.ends_at.replace(year=2022)
    ).where(Meeting.id == old.id).execute()
    answered = published(leader, people=[person], title="Al beantwoord", days=3)
    answer(answered, person, "komt")
    published(leader, people=[person], title="Over een maand", days=30)
    sooner = published(leader, people=[person], title="Volgende week", days=7)
    login(person)
    page = client.get("/bijeenkomsten/").get_data(as_text=True)
    titles = ["Volgende week", "Over een maand", "Al beantwoord", "Bijeenkomst 2022"]
    assert sorted(titles, key=page.index) == titles
    assert page.count("Wacht op uw antwoord") == 2
    assert f"{weekday_numbers(sooner.starts_at)} " in page  # "di 15-12-2026 14:00"
