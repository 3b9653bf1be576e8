"""Mijn taken from each source of the network and the fees (issue 26): contributions to
decide, jaargesprekken due or passed, attendance to record, overdue invoices, and meeting
invitations to answer; the page's statements do not grow with what waits."""

from datetime import timedelta

from intranet.clock import now, today
from intranet.network.jaargesprek import Jaargesprek
from intranet.network.models import KOMT, Invitation, Meeting
from intranet.schooljaar import schooljaar_of
from tests.support.decide import text
from tests.support.network_support import published
from tests.support.query_count import counting_queries
from tests.support.tasks_support import contribution, task_titles, unpaid_invoice


def _world(make_user, make_organisation, size):
    leader = make_user("projectleider")
    contact = make_user()
    for n in range(size):
        organisation = make_organisation(name=f"Partner {n}")
        meeting = published(leader, people=[contact], title=f"Bijeenkomst {n}", days=10 + n)
        contribution(meeting, organisation, title=f"Bijdrage {n}")
        Jaargesprek.create(
            organisation=organisation,
            schooljaar=schooljaar_of(),
            planned_on=today() - timedelta(n + 1),
        )
        unpaid_invoice(organisation, n + 1, today() - timedelta(days=n + 1))
        past = published(leader, people=[contact], title=f"Geweest {n}", days=1)
        Meeting.update(
            starts_at=now() - timedelta(days=2, hours=2), ends_at=now() - timedelta(days=2)
        ).where(Meeting.id == past.id).execute()
        Invitation.update(answer=KOMT).where(Invitation.meeting == past.id).execute()
    return leader, contact


def test_the_projectleider_sees_a_task_from_each_new_source(
    client, login, make_user, make_organisation
):
    leader, _ = _world(make_user, make_organisation, 1)
    login(leader)
    titles = " ".join(task_titles(client))
    assert "Beoordeel de bijdrage ‘Bijdrage 0’ van Partner 0" in titles
    assert "Jaargesprek met Partner 0" in titles
    assert "Leg de aanwezigheid vast bij Geweest 0" in titles
    assert "1 factuur over de vervaldatum" in titles
    page = text(client.get("/taken/"))
    assert "De dag is voorbij: leg vast hoe het ging" in page


def test_a_contactpersoon_is_asked_to_answer_an_invitation_until_they_do(
    client, login, make_user, make_organisation
):
    _, contact = _world(make_user, make_organisation, 1)
    login(contact)
    assert any("Laat weten of u komt: Bijeenkomst 0" in t for t in task_titles(client))
    Invitation.update(answer=KOMT).execute()
    assert not any("Laat weten of u komt" in t for t in task_titles(client))


def test_what_is_done_or_far_away_is_no_task(client, login, make_user, make_organisation):
    leader = make_user("projectleider")
    organisation = make_organisation(name="Verre Partner")
    Jaargesprek.create(
        organisation=organisation, schooljaar=schooljaar_of(), planned_on=today() + timedelta(30)
    )
    unpaid_invoice(organisation, 1, today() + timedelta(days=10))
    login(leader)
    titles = " ".join(task_titles(client))
    assert "Verre Partner" not in titles and "vervaldatum" not in titles


def _count(client, login, person):
    login(person)
    client.get("/taken/")  # the first request of a session may warm up caches
    with counting_queries() as counted:
        client.get("/taken/")
    client.post("/uitloggen")
    return counted["n"]


def test_mijn_taken_takes_as_many_statements_for_one_as_for_many(
    client, login, make_user, make_organisation
):
    leader, contact = _world(make_user, make_organisation, 1)
    few = (_count(client, login, leader), _count(client, login, contact))
    for n in range(3):  # more of everything, for the same two people
        organisation = make_organisation(name=f"Meer {n}")
        meeting = published(leader, people=[contact], title=f"Meer {n}", days=20 + n)
        contribution(meeting, organisation, title=f"Meer {n}")
        Jaargesprek.create(
            organisation=organisation, schooljaar=schooljaar_of(), planned_on=today()
        )
        unpaid_invoice(organisation, 10 + n, today() - timedelta(days=3))
    many = (_count(client, login, leader), _count(client, login, contact))
    assert few == many
