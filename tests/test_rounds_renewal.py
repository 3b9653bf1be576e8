"""The signing round: invitations, signing, declining, reminders, expiry and who may answer."""

from datetime import timedelta

import pytest

from intranet.clock import now, today
from intranet.formats import day_words
from intranet.rounds.models import RenewalInvitation, Round, open_invitations_for
from intranet.workflows.models import AuditEvent
from tests.support.mails import mails_to
from tests.support.rounds_support import (
    open_renewal,
    renewal_invitation,
    renewal_setup,
    signature,
    tick,
)


def test_opening_invites_every_current_partner_and_mails_their_contacts(
    make_organisation, make_user
):
    partner = make_organisation()
    make_organisation(status="aspirant")
    make_organisation(status="oud_partner")
    contact, backup = make_user(organisation=partner), make_user(organisation=partner)
    _, following = renewal_setup()
    round_ = open_renewal(following)
    cases = list(RenewalInvitation.select().where(RenewalInvitation.round == round_))
    assert [(c.organisation_id, c.state) for c in cases] == [(partner.id, "uitgenodigd")]
    for person in (contact, backup):
        [message] = mails_to(person.email, "onderteken het convenant")
        assert f"/convenant/ondertekenen/{cases[0].id}" in message.body
    assert AuditEvent.for_case("verlenging", cases[0].id).count() == 1
    assert open_invitations_for(partner)[0].id == cases[0].id


def test_the_projectleider_opens_the_round_from_the_period_page(
    client, make_user, login, make_organisation
):
    make_organisation()
    login(make_user("projectleider"))
    _, following = renewal_setup()
    deadline = today() + timedelta(days=20)
    response = client.post(
        f"/convenant/periode/{following.id}/ondertekenronde",
        data={"renewal-deadline": deadline.isoformat(), "bevestigd": "ja"},
        follow_redirects=True,
    )
    page = response.get_data(as_text=True)
    assert "Ondertekenronde Volgende periode is geopend: 1 organisatie is uitgenodigd" in page
    assert f"tot en met <strong>{day_words(deadline)}</strong>" in page
    again = client.post(
        f"/convenant/periode/{following.id}/ondertekenronde",
        data={"renewal-deadline": deadline.isoformat()},
    )
    assert again.status_code == 422
    assert "al geopend" in again.get_data(as_text=True)
    assert Round.select().count() == 1


def test_a_deadline_after_the_start_of_the_period_is_refused(client, make_user, login):
    login(make_user("projectleider"))
    _, following = renewal_setup()
    response = client.post(
        f"/convenant/periode/{following.id}/ondertekenronde",
        data={"renewal-deadline": (following.starts_on + timedelta(days=1)).isoformat()},
    )
    assert response.status_code == 422
    assert "De termijn moet vóór de start van de periode liggen" in response.get_data(as_text=True)


def test_contactpersoon_reads_the_convenant_and_signs_for_the_organisation(
    client, login, signing_round
):
    round_, museum, _, people = signing_round
    case = renewal_invitation(round_, museum)
    login(people["museum"])
    page = client.get(f"/convenant/ondertekenen/{case.id}").get_data(as_text=True)
    assert "Alle partners committeren zich aan de visie." in page
    assert "Ik ben bevoegd om namens deze organisatie te tekenen" in page

    response = client.post(f"/convenant/ondertekenen/{case.id}/tekenen", data=signature())
    assert response.status_code == 303
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Getekend: Museum Boerhaave gaat door in Volgende periode." in page
    case = renewal_invitation(round_, museum)
    assert (case.state, case.signer_name, case.signer_function) == (
        "getekend",
        "Anouk de Vries",
        "directeur",
    )
    assert case.authorised and case.answered_by_id == people["museum"].id
    assert len(mails_to(people["backup"].email, "Bevestiging: getekend")) == 1


def test_signing_with_htmx_swaps_in_the_answer(client, login, signing_round):
    round_, museum, _, people = signing_round
    case = renewal_invitation(round_, museum)
    login(people["museum"])
    response = client.post(
        f"/convenant/ondertekenen/{case.id}/tekenen",
        data=signature(),
        headers={"HX-Request": "true"},
    )
    body = response.get_data(as_text=True)
    assert response.status_code == 200 and body.lstrip().startswith("<section")
    assert "Getekend namens Museum Boerhaave door <strong>Anouk de Vries</strong>" in body


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("authorised", "", "Bevestig dat u bevoegd bent om te tekenen."),
        ("signer_name", "", "Vul uw naam in."),
        ("signer_function", "", "Vul uw functie in."),
        ("signed_on", "", "Vul een datum in."),
        ("signed_on", "2099-01-01", "De datum kan niet in de toekomst liggen."),
    ],
)
def test_an_incomplete_signature_changes_nothing(
    client, login, signing_round, field, value, message
):
    round_, museum, _, people = signing_round
    case = renewal_invitation(round_, museum)
    login(people["museum"])
    response = client.post(
        f"/convenant/ondertekenen/{case.id}/tekenen", data=signature(**{field: value})
    )
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert renewal_invitation(round_, museum).state == "uitgenodigd"


def test_contactpersoon_declines_with_a_reason(client, login, signing_round):
    round_, _, school, people = signing_round
    case = renewal_invitation(round_, school)
    login(people["school"])
    response = client.post(
        f"/convenant/ondertekenen/{case.id}/opzeggen",
        data={"reason": "Wij gaan op in een ander netwerk."},
        follow_redirects=True,
    )
    assert "Vastgelegd: uw organisatie verlengt het convenant niet." in response.get_data(
        as_text=True
    )
    case = renewal_invitation(round_, school)
    assert case.state == "opgezegd" and case.decline_reason == "Wij gaan op in een ander netwerk."


def test_signing_twice_says_so_and_changes_nothing(client, login, signing_round):
    round_, museum, _, people = signing_round
    case = renewal_invitation(round_, museum)
    login(people["museum"])
    client.post(f"/convenant/ondertekenen/{case.id}/tekenen", data=signature())
    events = AuditEvent.for_case("verlenging", case.id).count()
    again = client.post(
        f"/convenant/ondertekenen/{case.id}/tekenen",
        data=signature(signer_name="Iemand Anders"),
    )
    assert again.status_code == 409
    assert "Uw organisatie heeft dit convenant al getekend. Er is niets gewijzigd." in (
        again.get_data(as_text=True)
    )
    assert renewal_invitation(round_, museum).signer_name == "Anouk de Vries"
    assert AuditEvent.for_case("verlenging", case.id).count() == events


def test_declining_after_signing_is_refused(client, login, signing_round):
    round_, museum, _, people = signing_round
    case = renewal_invitation(round_, museum)
    login(people["museum"])
    client.post(f"/convenant/ondertekenen/{case.id}/tekenen", data=signature())
    response = client.post(f"/convenant/ondertekenen/{case.id}/opzeggen", data={"reason": ""})
    assert response.status_code == 409
    assert renewal_invitation(round_, museum).state == "getekend"


def test_unanswered_cases_expire_at_the_deadline(signing_round):
    round_, museum, school, _ = signing_round
    tick(round_.deadline - timedelta(minutes=1))
    assert renewal_invitation(round_, museum).state == "uitgenodigd"
    tick(round_.deadline + timedelta(minutes=1))
    assert {renewal_invitation(round_, org).state for org in (museum, school)} == {"verlopen"}
    events = AuditEvent.for_case("verlenging", renewal_invitation(round_, museum).id)
    assert [e.actor_label for e in events][-1] == "systeem"


def test_signing_after_expiry_says_the_deadline_passed_and_changes_nothing(
    client, login, signing_round
):
    round_, museum, _, people = signing_round
    tick(round_.deadline + timedelta(minutes=1))
    case = renewal_invitation(round_, museum)
    login(people["museum"])
    response = client.post(f"/convenant/ondertekenen/{case.id}/tekenen", data=signature())
    assert response.status_code == 409
    assert "De termijn om te reageren is verstreken" in response.get_data(as_text=True)
    assert renewal_invitation(round_, museum).state == "verlopen"


def test_signing_after_the_deadline_before_tick_ran_is_refused_too(client, login, signing_round):
    round_, museum, _, people = signing_round
    Round.update(deadline=now() - timedelta(minutes=1)).where(Round.id == round_.id).execute()
    case = renewal_invitation(round_, museum)
    login(people["museum"])
    response = client.post(f"/convenant/ondertekenen/{case.id}/tekenen", data=signature())
    assert response.status_code == 409
    assert "De termijn om te reageren is verstreken" in response.get_data(as_text=True)
    assert renewal_invitation(round_, museum).state == "uitgenodigd"


def test_only_contactpersonen_of_that_organisation_may_answer(
    client, login, signing_round, make_user
):
    round_, museum, _, people = signing_round
    case = renewal_invitation(round_, museum)
    login(people["school"])  # contactpersoon, but of another organisation
    assert client.get(f"/convenant/ondertekenen/{case.id}").status_code == 403
    url = f"/convenant/ondertekenen/{case.id}/tekenen"
    assert client.post(url, data=signature()).status_code == 403
    assert client.post(f"/convenant/ondertekenen/{case.id}/opzeggen").status_code == 403
    assert renewal_invitation(round_, museum).state == "uitgenodigd"


def test_the_projectleider_sees_a_case_but_cannot_sign_it(client, login, signing_round, make_user):
    round_, museum, _, _ = signing_round
    case = renewal_invitation(round_, museum)
    login(make_user("projectleider"))
    page = client.get(f"/convenant/ondertekenen/{case.id}").get_data(as_text=True)
    assert "Alleen de contactpersonen van Museum Boerhaave kunnen hier tekenen." in page
    url = f"/convenant/ondertekenen/{case.id}/tekenen"
    assert client.post(url, data=signature()).status_code == 403


def test_the_generic_step_route_cannot_sign_without_a_signature(client, login, signing_round):
    round_, museum, _, people = signing_round
    case = renewal_invitation(round_, museum)
    login(people["museum"])
    client.post(f"/zaak/verlenging/{case.id}/stap/tekenen", data={"expected_state": "uitgenodigd"})
    assert renewal_invitation(round_, museum).state == "uitgenodigd"


def test_unknown_invitation_is_404(client, login, make_user):
    login(make_user("projectleider"))
    assert client.get("/convenant/ondertekenen/4242").status_code == 404


def test_reminders_go_out_at_the_configured_interval_until_answered(app, signing_round):
    round_, museum, school, people = signing_round
    interval = app.config["RENEWAL_REMINDER_INTERVAL"]
    first = round_.opened_at + interval
    tick(first - timedelta(minutes=1))
    assert not mails_to(people["museum"].email, "Herinnering")
    tick(first + timedelta(minutes=1))
    tick(first + timedelta(minutes=2))
    assert len(mails_to(people["museum"].email, "Herinnering")) == 1
    assert len(mails_to(people["backup"].email, "Herinnering")) == 1

    engine_sign(renewal_invitation(round_, school), people["school"])
    tick(first + interval + timedelta(minutes=2))
    assert len(mails_to(people["museum"].email, "Herinnering")) == 2
    assert len(mails_to(people["school"].email, "Herinnering")) == 1  # none after signing


def engine_sign(case, user):
    """Sign through the engine, as the form would."""
    from intranet.rounds import renewal_workflow
    from intranet.workflows import engine

    engine.fire(
        renewal_workflow.WORKFLOW,
        case.id,
        "tekenen",
        user,
        data={
            "signer_name": user.name,
            "signer_function": "directeur",
            "signed_on": today().isoformat(),
            "authorised": True,
        },
    )


def test_contactpersoon_sees_the_open_invitation_on_their_page(client, login, signing_round):
    round_, museum, _, people = signing_round
    login(people["museum"])
    page = client.get("/convenant/mijn").get_data(as_text=True)
    assert "Museum Boerhaave" in page and "Ondertekening convenant: Volgende periode" in page
    assert f"/convenant/ondertekenen/{renewal_invitation(round_, museum).id}" in page
