"""Drafting and publishing meetings: bad input refused, invitations in bulk, pages that scale."""

from datetime import timedelta

import pytest

from intranet.clock import local, now
from intranet.models import OutboxMessage, User
from intranet.network.meeting_workflow import WORKFLOW
from intranet.network.models import Invitation, Meeting, MeetingNetwork, Network, NetworkMember
from intranet.network.rsvp import answer
from intranet.workflows import engine
from intranet.workflows.timers import tick
from tests.support.network_support import draft, published
from tests.support.query_count import counted_queries as counting
from tests.support.world import snapshot


def _form(**fields):
    day = local(now() + timedelta(days=10)).date()
    data = {
        "kind": "netwerkbijeenkomst",
        "title": "Netwerkbijeenkomst najaar",
        "day": day.isoformat(),
        "starts": "15:30",
        "ends": "17:30",
        "location": "LLokaal met LEF",
        "capacity": "40",
        "audience": "contactpersonen",
    }
    data.update(fields)
    return data


def test_the_projectleider_drafts_a_meeting_in_amsterdam_time(client, login, leader):
    login(leader)
    response = client.post("/bijeenkomsten/nieuw", data=_form())
    assert response.status_code == 303
    meeting = Meeting.get()
    assert meeting.state == "concept" and meeting.capacity == 40
    assert local(meeting.starts_at).strftime("%H:%M") == "15:30"


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"ends": "15:00"}, "Het einde moet na het begin liggen."),
        ({"day": "2020-01-01"}, "in het verleden"),
        ({"capacity": "0"}, "Kies 1 of meer."),
        ({"title": "   "}, "Vul een titel in."),
        ({"starts": "25:99"}, "Vul een tijd in"),
        ({"audience": "netwerken"}, "Kies minstens één netwerk."),
        ({"audience": "personen", "named_emails": "niemand@example.org"}, "Onbekend e-mailadres"),
    ],
)
def test_bad_meeting_input_is_refused_with_a_message(client, login, leader, fields, message):
    login(leader)
    before = snapshot()
    response = client.post("/bijeenkomsten/nieuw", data=_form(**fields))
    assert response.status_code == 422 and message in response.get_data(as_text=True)
    assert snapshot() == before


def test_a_meeting_in_the_past_is_not_published(leader):
    meeting = draft(leader, days=1)
    Meeting.update(starts_at=now() - timedelta(days=1), ends_at=now()).where(
        Meeting.id == meeting.id
    ).execute()
    with pytest.raises(engine.ConditionFailed, match="verleden"):
        engine.fire(WORKFLOW, meeting.id, "publiceren", leader)
    assert Meeting.get_by_id(meeting.id).state == "concept" and not Invitation.select().exists()


def test_a_meeting_that_ends_before_it_starts_is_not_published(leader):
    meeting = draft(leader)
    Meeting.update(ends_at=meeting.starts_at - timedelta(hours=1)).where(
        Meeting.id == meeting.id
    ).execute()
    with pytest.raises(engine.ConditionFailed, match="vóór het begin"):
        engine.fire(WORKFLOW, meeting.id, "publiceren", leader)


def test_publishing_invites_every_contactpersoon_and_tick_sends_the_mails(
    make_user, make_organisation, leader
):
    partners = [make_organisation() for _ in range(3)]
    people = [make_user(organisation=partner) for partner in partners]
    make_user(organisation=make_organisation(status="oud_partner"))  # not a partner any more
    meeting = published(leader, audience="contactpersonen")
    invited = {i.user_id for i in Invitation.select().where(Invitation.meeting == meeting.id)}
    assert invited == {person.id for person in people}
    queued = OutboxMessage.select().where(OutboxMessage.subject.startswith("Uitnodiging"))
    assert {m.status for m in queued} == {"queued"}
    tick()
    assert {m.status for m in OutboxMessage.select()} == {"stored"}


def test_vrienden_are_invited_to_meetings_of_talentontwikkeling(
    make_user, make_organisation, leader
):
    talent = Network.create(slug="talentontwikkeling", name="Talentontwikkeling", kind="zichtlijn")
    member, vriend = make_user(), make_user(organisation=make_organisation(status="vriend"))
    NetworkMember.create(network=talent, user=member)
    meeting = draft(leader, audience="netwerken")
    MeetingNetwork.create(meeting=meeting, network=talent)
    engine.fire(WORKFLOW, meeting.id, "publiceren", leader)
    invited = {i.user_id for i in Invitation.select()}
    assert invited == {member.id, vriend.id}


def test_a_published_meetings_capacity_cannot_go_below_those_coming(
    client, login, make_user, leader
):
    people = [make_user() for _ in range(3)]
    meeting = published(leader, people=people, capacity=10)
    for person in people:
        answer(meeting.id, person.id, "komt")
    login(leader)
    response = client.post(f"/bijeenkomsten/{meeting.id}/bewerken", data={"capacity": "2"})
    assert response.status_code == 422
    assert "Er komen al 3 mensen" in response.get_data(as_text=True)
    assert Meeting.get_by_id(meeting.id).capacity == 10
    assert (
        client.post(f"/bijeenkomsten/{meeting.id}/bewerken", data={"capacity": "3"}).status_code
        == 303
    )


def _bulk_people(prefix, count):
    """Many accounts in a few INSERTs."""
    rows = [
        {"email": f"{prefix}{n}@example.org", "name": f"{prefix} {n:04d}"} for n in range(count)
    ]
    for start in range(0, count, 500):
        User.insert_many(rows[start : start + 500]).execute()
    return list(User.select().where(User.email.startswith(prefix)))


def test_a_meeting_with_2000_invitees_publishes_and_pages_in_constant_queries(
    client, login, leader
):
    small = published(leader, people=_bulk_people("weinig", 3), title="Klein")
    many = _bulk_people("veel", 2000)
    with counting() as publishing:
        big = published(leader, people=many, title="Groot")
    assert Invitation.select().where(Invitation.meeting == big.id).count() == 2000
    assert (
        OutboxMessage.select().where(OutboxMessage.subject == "Uitnodiging: Groot").count() == 2000
    )
    assert len(publishing) < 200  # bulk INSERTs, not one per invitee
    login(leader)

    def queries(url):
        with counting() as statements:
            response = client.get(url)
        assert response.status_code == 200
        return len(statements)

    base = queries(f"/bijeenkomsten/{small.id}")
    assert queries(f"/bijeenkomsten/{big.id}") == base
    assert queries(f"/bijeenkomsten/{big.id}?pagina=17") == base
    page = client.get(f"/bijeenkomsten/{big.id}?pagina=2").get_data(as_text=True)
    assert "Uitgenodigd (2000)" in page and "Pagina 2 van 40" in page


def test_the_projectleider_publishes_from_the_meeting_page_without_javascript(
    client, login, make_user, leader
):
    person = make_user()
    meeting = draft(leader, people=[person])
    login(leader)
    page = client.get(f"/bijeenkomsten/{meeting.id}").get_data(as_text=True)
    assert "Publiceren en uitnodigingen versturen" in page
    response = client.post(
        f"/zaak/bijeenkomst/{meeting.id}/stap/publiceren",
        data={"expected_state": "concept", "next": f"/bijeenkomsten/{meeting.id}"},
    )
    assert response.status_code == 303 and response.location == f"/bijeenkomsten/{meeting.id}"
    assert Meeting.get_by_id(meeting.id).state == "gepubliceerd"
    assert [i.user_id for i in Invitation.select()] == [person.id]
    again = client.post(
        f"/zaak/bijeenkomst/{meeting.id}/stap/publiceren", data={"expected_state": "concept"}
    )
    assert again.status_code == 303 and Invitation.select().count() == 1
