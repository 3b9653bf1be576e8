"""A proposed contribution: ingediend → meer informatie → geaccepteerd or afgewezen."""

import pytest

from intranet.models import OutboxMessage
from intranet.network.contribution_workflow import WORKFLOW
from intranet.network.models import Contribution, Network, NetworkMember, ProgrammePart
from intranet.workflows import engine
from tests.support.network_support import published


@pytest.fixture
def setting(make_user, make_organisation):
    """A meeting asking for contributions, a partner's contactpersoon, a network's zichthouder."""
    leader = make_user("projectleider")
    partner = make_organisation(name="Naturalis")
    contact = make_user(organisation=partner)
    network = Network.create(slug="duurzaamheid", name="Duurzaamheid", kind="dwarslijn")
    holder = make_user()
    NetworkMember.create(network=network, user=holder, zichthouder=True)
    meeting = published(
        leader, audience="publiek", asks_contributions=True, title="LEFtival", days=60
    )
    return leader, contact, partner, network, holder, meeting


def _propose(client, login, setting, **fields):
    leader, contact, partner, network, holder, meeting = setting
    login(contact)
    data = {
        "organisation": partner.id,
        "title": "Buitenlab",
        "description": "Leren over de natuur, met drie scholen.",
        "partners_involved": "Drie basisscholen",
        "needs": "Een stuk grasveld",
        "network": network.id,
    }
    data.update(fields)
    return client.post(f"/bijeenkomsten/{meeting.id}/bijdrage", data=data)


def _step(client, case, trigger, comment):
    return client.post(
        f"/zaak/bijdrage/{case.id}/stap/{trigger}",
        data={"comment": comment, "expected_state": Contribution.get_by_id(case.id).state},
    )


def test_a_partner_submits_a_proposal_and_the_deciders_are_told(client, login, setting):
    leader, contact, partner, network, holder, meeting = setting
    response = _propose(client, login, setting)
    assert response.status_code == 303
    case = Contribution.get()
    assert (case.state, case.organisation_id, case.submitted_by_id) == (
        "ingediend",
        partner.id,
        contact.id,
    )
    told = {
        m.to for m in OutboxMessage.select().where(OutboxMessage.subject.startswith("Voorstel"))
    }
    assert told == {leader.email, holder.email}


def test_the_zichthouder_asks_more_the_partner_answers_and_it_is_accepted_into_the_programme(
    client, login, setting
):
    leader, contact, partner, network, holder, meeting = setting
    _propose(client, login, setting)
    case = Contribution.get()
    login(holder)
    assert _step(client, case, "informatie_vragen", "Voor welke leeftijd?").status_code == 303
    login(contact)
    assert _step(client, case, "aanvullen", "Groep 6 tot 8.").status_code == 303
    login(holder)
    assert _step(client, case, "accepteren", "Past bij de dwarslijn.").status_code == 303
    assert Contribution.get_by_id(case.id).state == "geaccepteerd"
    part = ProgrammePart.get(ProgrammePart.contribution == case.id)
    assert (part.meeting_id, part.title, part.network_id) == (meeting.id, "Buitenlab", network.id)
    login(contact)
    assert "Buitenlab" in client.get(f"/bijeenkomsten/{meeting.id}").get_data(as_text=True)
    mails = [m.subject for m in OutboxMessage.select().where(OutboxMessage.to == contact.email)]
    assert any("meer informatie gevraagd" in s for s in mails)
    assert any("geaccepteerd" in s for s in mails)


def test_the_projectleider_rejects_with_a_motivation_and_nothing_enters_the_programme(
    client, login, setting
):
    leader = setting[0]
    _propose(client, login, setting)
    case = Contribution.get()
    event = engine.fire(WORKFLOW, case.id, "afwijzen", leader, comment="Past niet in de tijd.")
    assert event.dest == "afgewezen"
    assert not ProgrammePart.select().exists()


def test_a_decision_without_a_motivation_is_refused(setting, client, login):
    leader = setting[0]
    _propose(client, login, setting)
    case = Contribution.get()
    with pytest.raises(engine.ConditionFailed, match="motivatie"):
        engine.fire(WORKFLOW, case.id, "accepteren", leader, comment="  ")
    assert Contribution.get_by_id(case.id).state == "ingediend"


def test_the_zichthouder_of_another_network_and_the_partner_cannot_decide(
    setting, client, login, make_user
):
    leader, contact, partner, network, holder, meeting = setting
    _propose(client, login, setting)
    case = Contribution.get()
    other = Network.create(slug="ai", name="AI", kind="dwarslijn")
    stranger = make_user()
    NetworkMember.create(network=other, user=stranger, zichthouder=True)
    for who in (stranger, contact):
        with pytest.raises(engine.NotPermitted):
            engine.fire(WORKFLOW, case.id, "accepteren", who, comment="Ja.")
    assert Contribution.get_by_id(case.id).state == "ingediend"


def test_a_meeting_that_asks_nothing_takes_no_proposals(client, login, setting, make_user):
    leader, contact, partner, network, holder, meeting = setting
    quiet = published(leader, audience="publiek", title="Stil")
    login(contact)
    response = client.post(f"/bijeenkomsten/{quiet.id}/bijdrage", data={"title": "x"})
    assert response.status_code == 409 and not Contribution.select().exists()
