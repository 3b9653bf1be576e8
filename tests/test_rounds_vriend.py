"""The vriend round of LEF: only non-LEF partners are invited; accept, decline, expire; the
vriend list and its mailing."""

import html
from datetime import timedelta

import pytest

from intranet.clock import today
from intranet.mail_delivery import build
from intranet.models import OutboxMessage
from intranet.refusals import Refused
from intranet.rounds import opening, period_workflow, renewal_workflow, vriend_workflow
from intranet.rounds.models import ConvenantPeriod, VriendInvitation, vriend_organisations
from intranet.workflows import engine
from intranet.workflows.models import AuditEvent
from tests.support import factories
from tests.support.mails import mails_to
from tests.support.rounds_support import open_renewal, renewal_setup, started, status_of, tick


@pytest.fixture
def friends(make_organisation, make_user):
    """A running period with a LEF partner and two other partners, and its vriend round."""
    lef = make_organisation(name="Naturalis Biodiversity Center", lef_partner=True)
    museum = make_organisation(name="Museum Boerhaave")
    bureau = make_organisation(name="Bureau Talent")
    people = {
        "lef": make_user(organisation=lef),
        "museum": make_user(organisation=museum),
        "bureau": make_user(organisation=bureau),
    }
    current = started(factories.period("Huidige periode", starts=-1000, ends=90))
    round_ = opening.open_vriend_round(current, None, today() + timedelta(days=30))
    return round_, {"lef": lef, "museum": museum, "bureau": bureau}, people


def _case(round_, organisation):
    return VriendInvitation.get(
        VriendInvitation.round == round_, VriendInvitation.organisation == organisation
    )


def test_only_partners_that_are_not_lef_partners_are_invited(friends):
    round_, orgs, people = friends
    invited = {c.organisation_id for c in VriendInvitation.select()}
    assert invited == {orgs["museum"].id, orgs["bureau"].id}
    assert mails_to(people["museum"].email, "word vriend van LEF")
    assert not mails_to(people["lef"].email, "vriend")


def test_round_page_lists_lef_partners_as_continuing(client, login, make_user, friends):
    round_, _, _ = friends
    login(make_user("projectleider"))
    page = client.get(f"/convenant/ronde/{round_.id}").get_data(as_text=True)
    assert "1 LEF-partners gaan door als LEF-partner" in page
    assert "Naturalis Biodiversity Center" in page


def test_partners_that_signed_the_next_period_are_not_invited(make_organisation, make_user):
    signer = make_organisation(name="Tekenaar")
    contact = make_user(organisation=signer)
    other = make_organisation(name="Twijfelaar")
    current, following = renewal_setup()
    signing = open_renewal(following)
    case = signing.renewal_invitations.where(
        renewal_workflow.WORKFLOW.model.organisation == signer
    ).get()
    data = {"signer_name": "A", "signer_function": "B", "signed_on": "2026-01-01"}
    engine.fire(
        renewal_workflow.WORKFLOW, case.id, "tekenen", contact, data={**data, "authorised": True}
    )
    round_ = opening.open_vriend_round(current, None, today() + timedelta(days=30))
    assert [c.organisation_id for c in round_.vriend_invitations] == [other.id]


def test_contactpersoon_accepts_and_the_organisation_is_a_vriend(client, login, friends):
    round_, orgs, people = friends
    case = _case(round_, orgs["museum"])
    login(people["museum"])
    page = client.get(f"/convenant/vriend/{case.id}").get_data(as_text=True)
    assert "Ja, Museum Boerhaave wordt vriend van LEF" in page
    response = client.post(f"/convenant/vriend/{case.id}/aanvaarden", follow_redirects=True)
    assert "Welkom! Uw organisatie is vriend van LEF." in response.get_data(as_text=True)
    assert _case(round_, orgs["museum"]).state == "vriend"
    assert [o.name for o in vriend_organisations()] == ["Museum Boerhaave"]
    assert status_of(orgs["museum"]) == "partner"  # still partner until the period ends
    assert mails_to(people["museum"].email, "Bevestiging: vriend van LEF")


def test_contactpersoon_declines_with_an_optional_reason(client, login, friends):
    round_, orgs, people = friends
    case = _case(round_, orgs["bureau"])
    login(people["bureau"])
    response = client.post(
        f"/convenant/vriend/{case.id}/afslaan", data={"reason": ""}, follow_redirects=True
    )
    assert "Vastgelegd: uw organisatie wordt geen vriend van LEF." in response.get_data(
        as_text=True
    )
    assert _case(round_, orgs["bureau"]).state == "afgeslagen"


def test_accepting_twice_says_so_and_changes_nothing(client, login, friends):
    round_, orgs, people = friends
    case = _case(round_, orgs["museum"])
    login(people["museum"])
    client.post(f"/convenant/vriend/{case.id}/aanvaarden")
    response = client.post(f"/convenant/vriend/{case.id}/afslaan", data={"reason": "Toch niet"})
    assert response.status_code == 409
    assert "al aangenomen" in response.get_data(as_text=True)
    assert _case(round_, orgs["museum"]).state == "vriend"


def test_unanswered_vriend_invitations_expire_at_the_deadline(client, login, friends):
    round_, orgs, people = friends
    tick(round_.deadline + timedelta(minutes=1))
    assert _case(round_, orgs["museum"]).state == "verlopen"
    login(people["museum"])
    case = _case(round_, orgs["museum"])
    response = client.post(f"/convenant/vriend/{case.id}/aanvaarden")
    assert response.status_code == 409
    assert _case(round_, orgs["museum"]).state == "verlopen"


def test_only_contactpersonen_of_that_organisation_may_answer(client, login, friends):
    round_, orgs, people = friends
    case = _case(round_, orgs["museum"])
    login(people["bureau"])
    assert client.post(f"/convenant/vriend/{case.id}/aanvaarden").status_code == 403
    assert client.get(f"/convenant/vriend/{case.id}").status_code == 403
    assert _case(round_, orgs["museum"]).state == "uitgenodigd"


def test_when_the_period_ends_vrienden_lef_partners_and_the_rest_get_their_status(friends):
    round_, orgs, people = friends
    case = _case(round_, orgs["museum"])
    engine.fire(vriend_workflow.WORKFLOW, case.id, "aanvaarden", people["museum"])
    current = round_.period
    engine.fire(period_workflow.WORKFLOW, current.id, "aflopen", None)
    assert status_of(orgs["museum"]) == "vriend"
    assert status_of(orgs["lef"]) == "lef_partner"
    assert status_of(orgs["bureau"]) == "oud_partner"


def test_after_the_period_ended_accepting_makes_a_vriend_at_once(make_organisation, make_user):
    lef = make_organisation(lef_partner=True)
    partner = make_organisation()
    contact = make_user(organisation=partner)
    ended = started(factories.period("Oud", starts=-1500, ends=-10))
    engine.fire(period_workflow.WORKFLOW, ended.id, "aflopen", None)
    assert status_of(partner) == "partner"  # no decision, no vriend round: nothing changes yet
    ended = ConvenantPeriod.get_by_id(ended.id)
    round_ = opening.open_vriend_round(ended, None, today() + timedelta(days=30))
    assert status_of(lef) == "lef_partner"  # marked at once: the period is over
    case = _case(round_, partner)
    engine.fire(vriend_workflow.WORKFLOW, case.id, "aanvaarden", contact)
    assert status_of(partner) == "vriend"


def test_a_vriend_round_needs_a_running_or_ended_period(make_organisation):
    planned = factories.period("Later", starts=30, ends=1000)
    with pytest.raises(Refused) as refused:
        opening.open_vriend_round(planned, None, today() + timedelta(days=30))
    assert "pas als de periode loopt" in refused.value.message


def test_mailing_reaches_every_vriend_contactpersoon(client, login, make_user, friends):
    round_, orgs, people = friends
    backup = make_user(organisation=orgs["museum"], kind="achtervang")
    engine.fire(
        vriend_workflow.WORKFLOW, _case(round_, orgs["museum"]).id, "aanvaarden", people["museum"]
    )
    login(make_user("projectleider"))
    page = client.get("/convenant/vrienden").get_data(as_text=True)
    assert "Museum Boerhaave" in page and "Bureau Talent" not in page
    response = client.post(
        "/convenant/vrienden/mailing",
        data={
            "subject": "Ontmoeting Talentontwikkeling",
            "body": "Welkom op 29 september.",
            "bevestigd": "ja",
        },
        follow_redirects=True,
    )
    page = response.get_data(as_text=True)
    assert "‘Ontmoeting Talentontwikkeling’ is onderweg naar 2 contactpersonen" in page
    for person in (people["museum"], backup):
        [message] = mails_to(person.email, "Ontmoeting Talentontwikkeling")
        assert "Welkom op 29 september." in message.body
    assert not mails_to(people["bureau"].email, "Ontmoeting")


def _preview(page):
    """The message body a confirmation page shows."""
    return html.unescape(page.split("<pre>", 1)[1].split("</pre>", 1)[0])


def test_the_mailing_sent_is_the_message_previewed_and_replies_reach_a_person(
    app, client, login, make_user, friends
):
    round_, orgs, people = friends
    engine.fire(
        vriend_workflow.WORKFLOW, _case(round_, orgs["museum"]).id, "aanvaarden", people["museum"]
    )
    login(make_user("projectleider"))
    form = client.get("/convenant/vrienden").get_data(as_text=True)
    assert (
        "Beste [naam van de contactpersoon]," in form and "zonder aanhef en groet" in form.lower()
    )
    fields = {"subject": "Ontmoeting", "body": "Welkom op 29 september.\n\nTot dan!"}
    page = client.post("/convenant/vrienden/mailing", data=fields).get_data(as_text=True)
    preview = _preview(page)
    assert preview.count("Beste ") == 1 and preview.count("Met vriendelijke groet") == 1
    assert "dubbel" not in page
    client.post("/convenant/vrienden/mailing", data={**fields, "bevestigd": "ja"})
    [message] = mails_to(people["museum"].email, "Ontmoeting")
    assert message.body == preview
    reply_to = app.config["PROJECTLEIDER_REPLY_TO"]
    assert f"Een antwoord op dit\nbericht komt aan bij {reply_to}." in message.body
    assert build(message)["Reply-To"] == reply_to


def test_a_mailing_with_its_own_greeting_says_it_would_read_twice(
    client, login, make_user, friends
):
    round_, orgs, people = friends
    engine.fire(
        vriend_workflow.WORKFLOW, _case(round_, orgs["museum"]).id, "aanvaarden", people["museum"]
    )
    login(make_user("projectleider"))
    fields = {
        "subject": "Ontmoeting",
        "body": "Beste vrienden,\n\nWelkom!\n\nMet vriendelijke groet",
    }
    page = client.post("/convenant/vrienden/mailing", data=fields).get_data(as_text=True)
    assert "zodat ze nu dubbel staan" in page
    assert not mails_to(people["museum"].email, "Ontmoeting")


def test_a_mailing_without_subject_is_refused(client, login, make_user, friends):
    login(make_user("projectleider"))
    before = OutboxMessage.select().count()
    response = client.post("/convenant/vrienden/mailing", data={"subject": "", "body": "Tekst"})
    assert response.status_code == 422
    assert "Vul een onderwerp in." in response.get_data(as_text=True)
    assert OutboxMessage.select().count() == before


def test_vriend_reminders_follow_their_own_setting(app, friends):
    round_, orgs, people = friends
    app.config["VRIEND_REMINDER_INTERVAL"] = timedelta(days=3)
    tick(round_.opened_at + timedelta(days=7, minutes=1))  # the first was planned at opening
    assert len(mails_to(people["museum"].email, "Herinnering: word vriend van LEF")) == 1
    tick(round_.opened_at + timedelta(days=10, minutes=2))
    assert len(mails_to(people["museum"].email, "Herinnering: word vriend van LEF")) == 2
    assert not mails_to(people["lef"].email, "Herinnering")


def test_signing_the_next_convenant_withdraws_the_open_vriend_invitation(
    client, login, make_organisation, make_user
):
    museum = make_organisation(name="Museum Boerhaave")
    contact = make_user(organisation=museum)
    make_organisation(name="Twijfelaar")
    current, following = renewal_setup()
    friends = opening.open_vriend_round(current, None, today() + timedelta(days=30))
    invitation = _case(friends, museum)
    assert invitation.state == "uitgenodigd"
    signing = open_renewal(following)
    case = signing.renewal_invitations.where(
        renewal_workflow.WORKFLOW.model.organisation == museum
    ).get()
    data = {"signer_name": "A", "signer_function": "B", "signed_on": today().isoformat()}
    engine.fire(
        renewal_workflow.WORKFLOW, case.id, "tekenen", contact, data={**data, "authorised": True}
    )
    invitation = _case(friends, museum)
    assert invitation.state == "ingetrokken"
    (event,) = AuditEvent.select().where(
        AuditEvent.workflow == "vriend",
        AuditEvent.case_id == invitation.id,
        AuditEvent.trigger == "intrekken",
    )
    assert "convenant" in event.comment and "blijft partner" in event.comment
    login(contact)
    page = client.get(f"/partners/{museum.id}").get_data(as_text=True)
    assert "Laat weten of Museum Boerhaave vriend van LEF wordt" not in page
