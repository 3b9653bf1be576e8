"""The single-use answer link in the invitation mail: no login, once, and never a surprise."""

import re

import pytest

from intranet import tokens
from intranet.models import OutboxMessage
from intranet.network.links import PURPOSE
from intranet.network.models import Invitation
from tests.support.decide import text
from tests.support.network_support import answers, begin, published
from tests.support.world import snapshot

LINK = re.compile(r"http://localhost(/antwoord/\S+)")


@pytest.fixture
def invited(make_user):
    leader, person = make_user("projectleider"), make_user()
    meeting = published(leader, people=[person], capacity=5)
    message = OutboxMessage.get(OutboxMessage.to == person.email)
    return meeting, person, LINK.search(message.body).group(1)


def test_the_invitation_mail_carries_a_link_that_answers_without_logging_in(client, invited):
    meeting, person, path = invited
    page = client.get(path)
    assert page.status_code == 200 and meeting.title in text(page)
    response = client.post(path, data={"answer": "komt"})
    assert response.status_code == 303
    assert "Genoteerd: u komt." in text(client.get(response.location))
    assert answers(meeting) == {person.id: "komt"}


def test_a_used_link_says_so_and_changes_nothing(client, invited):
    meeting, person, path = invited
    client.post(path, data={"answer": "komt"})
    before = snapshot()
    for again in (client.post(path, data={"answer": "komt_niet"}), client.get(path)):
        assert again.status_code == 400 and "al gebruikt" in text(again)
    assert snapshot() == before
    assert answers(meeting) == {person.id: "komt"}


@pytest.mark.parametrize("where", [10, -5])
def test_a_tampered_link_is_refused_and_changes_nothing(client, invited, where):
    _, _, path = invited
    index = len("/antwoord/") + where if where > 0 else len(path) + where
    tampered = path[:index] + ("A" if path[index] != "A" else "B") + path[index + 1 :]
    before = snapshot()
    for response in (client.get(tampered), client.post(tampered, data={"answer": "komt"})):
        assert response.status_code == 400 and "ongeldig" in text(response)
    assert snapshot() == before


def test_a_link_after_the_meeting_started_is_refused_and_changes_nothing(client, invited):
    meeting, _, path = invited
    begin(meeting)
    before = snapshot()
    response = client.post(path, data={"answer": "komt"})
    assert response.status_code == 409 and "al begonnen" in text(response)
    assert snapshot() == before


def test_a_link_for_someone_no_longer_invited_is_refused(client, invited):
    meeting, person, path = invited
    Invitation.delete().where(Invitation.meeting == meeting.id).execute()
    before = snapshot()
    response = client.post(path, data={"answer": "komt"})
    assert response.status_code == 400 and "ongeldig" in text(response)
    assert snapshot() == before


def test_a_link_of_another_purpose_does_not_answer(client, invited):
    meeting, person, _ = invited
    invitation = Invitation.get(Invitation.meeting == meeting.id)
    forged = tokens.make("password-reset", invitation.id)
    before = snapshot()
    response = client.post(f"/antwoord/{forged}", data={"answer": "komt"})
    assert response.status_code == 400 and snapshot() == before
    assert PURPOSE != "password-reset"


def test_a_link_without_a_choice_asks_again_and_is_not_used_up(client, invited):
    meeting, person, path = invited
    response = client.post(path, data={"answer": "misschien"})
    assert response.status_code == 422 and "Kies" in text(response)
    assert client.post(path, data={"answer": "komt_niet"}).status_code == 303
    assert answers(meeting) == {person.id: "komt_niet"}
