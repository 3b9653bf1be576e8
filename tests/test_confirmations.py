"""Irreversible steps ask first, with and without htmx: whom it mails (or that nobody is
mailed), the message, one button; 'Wijzigen' goes back to the filled-in form; after acting,
the page says what happened."""

from datetime import timedelta

import pytest

from intranet.admission.models import Application
from intranet.clock import today
from intranet.models import OutboxMessage
from intranet.rounds.models import Round
from tests.support.factories import Case
from tests.support.rounds_support import open_renewal, renewal_setup


@pytest.fixture
def period_with_partners(make_organisation, make_user):
    """A period ready for its signing round, with two partners (one without a contact)."""
    museum = make_organisation(name="Museum Boerhaave")
    make_organisation(name="Stadslab")
    contact = make_user(organisation=museum)
    _, following = renewal_setup()
    return following, contact


def _open(client, period, **extra):
    return client.post(
        f"/convenant/periode/{period.id}/ondertekenronde",
        data={"renewal-deadline": (today() + timedelta(days=20)).isoformat(), **extra},
    )


def test_opening_a_round_first_shows_whom_it_mails_and_the_message(
    client, login, make_user, period_with_partners
):
    period, contact = period_with_partners
    login(make_user("projectleider"))
    response = _open(client, period)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Ondertekenronde openen voor Volgende periode?" in page
    assert "U nodigt 2 organisaties uit" in page
    assert f"{contact.name} &lt;{contact.email}&gt;" in page
    assert "1 van hen hebben geen contactpersoon" in page
    assert "Uitnodiging: onderteken het convenant Volgende periode" in page  # the subject
    assert f"Beste {contact.name}," in page  # the message as it reads
    assert 'name="bevestigd" value="ja"' in page
    assert Round.select().count() == 0 and OutboxMessage.select().count() == 0


def test_the_confirmation_with_htmx_is_the_same_section_the_form_stood_in(
    client, login, make_user, period_with_partners
):
    period, _ = period_with_partners
    login(make_user("projectleider"))
    form_page = client.get(f"/convenant/periode/{period.id}").get_data(as_text=True)
    assert 'hx-select="#renewal-section"' in form_page
    response = client.post(
        f"/convenant/periode/{period.id}/ondertekenronde",
        data={"renewal-deadline": (today() + timedelta(days=20)).isoformat()},
        headers={"HX-Request": "true"},
    )
    assert '<section id="renewal-section" class="confirm"' in response.get_data(as_text=True)
    assert Round.select().count() == 0


def test_changing_instead_of_confirming_goes_back_to_the_filled_in_form(
    client, login, make_user, period_with_partners
):
    period, _ = period_with_partners
    login(make_user("projectleider"))
    deadline = today() + timedelta(days=20)
    response = _open(client, period, bevestigd="nee")
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and f'value="{deadline.isoformat()}"' in page
    assert "Ondertekenronde openen</button>" in page and Round.select().count() == 0


def test_confirming_opens_the_round_and_says_what_happened(
    client, login, make_user, period_with_partners
):
    period, contact = period_with_partners
    login(make_user("projectleider"))
    response = _open(client, period, bevestigd="ja")
    assert response.status_code == 303
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "is geopend: 2 organisaties zijn uitgenodigd" in page
    assert OutboxMessage.select().where(OutboxMessage.to == contact.email).count() == 1


def test_a_refused_round_is_refused_before_any_confirmation(
    client, login, make_user, period_with_partners
):
    period, _ = period_with_partners
    login(make_user("projectleider"))
    open_renewal(period)
    response = _open(client, period)
    assert response.status_code == 422 and "al geopend" in response.get_data(as_text=True)


def test_a_mailing_shows_its_recipients_and_text_before_it_leaves(
    client, login, make_user, make_organisation
):
    museum = make_organisation(name="Museum Boerhaave", status="vriend")
    contact = make_user(organisation=museum)
    login(make_user("projectleider"))
    data = {"subject": "Ontmoeting 29 september", "body": "Welkom in LLokaal."}
    response = client.post("/convenant/vrienden/mailing", data=data)
    page = response.get_data(as_text=True)
    assert "Het bericht ‘Ontmoeting 29 september’ gaat naar 1 contactpersoon." in page
    assert contact.email in page and "Welkom in LLokaal." in page
    assert OutboxMessage.select().count() == 0
    back = client.post("/convenant/vrienden/mailing", data={**data, "bevestigd": "nee"})
    assert "Welkom in LLokaal.</textarea>" in back.get_data(as_text=True)
    sent = client.post("/convenant/vrienden/mailing", data={**data, "bevestigd": "ja"})
    assert sent.status_code == 303 and OutboxMessage.select().count() == 1


def _withdraw(client, case, htmx=False, **extra):
    return client.post(
        f"/zaak/toetreding/{case.id}/stap/intrekken",
        data={"expected_state": case.state, "comment": "We stoppen ermee.", **extra},
        headers={"HX-Request": "true"} if htmx else {},
    )


def test_withdrawing_a_submitted_application_first_shows_the_projectleiders_mail(
    client, login, make_user
):
    applicant, leader = make_user(), make_user("projectleider")
    case = Case(applicant, route="basis", name="Atelier Noord").submitted().get()
    OutboxMessage.delete().execute()
    login(applicant)
    page = _withdraw(client, case).get_data(as_text=True)
    assert "Aanmelding intrekken: weet u het zeker?" in page
    assert "Na deze stap is de status ‘ingetrokken’ en gaat er e-mail uit." in page
    assert f"{leader.name} &lt;{leader.email}&gt;" in page and "projectleider" in page
    assert "Aanmelding ingetrokken: Atelier Noord" in page  # the subject
    assert f"Beste {leader.name}," in page and "Reden: We stoppen ermee." in page
    assert "Ja, aanmelding intrekken</button>" in page
    assert Application.get_by_id(case.id).state == "bij_projectleider"
    assert OutboxMessage.select().count() == 0
    done = _withdraw(client, case, bevestigd="ja")
    assert done.status_code == 303
    after = client.get(done.headers["Location"]).get_data(as_text=True)
    assert (
        "De aanmelding van Atelier Noord is ingetrokken; de projectleider krijgt bericht." in after
    )
    assert Application.get_by_id(case.id).state == "ingetrokken"
    assert [m.to for m in OutboxMessage.select()] == [leader.email]


def test_withdrawing_a_draft_says_no_mail_goes_out(client, login, make_user):
    applicant, leader = make_user(), make_user("projectleider")
    case = Case(applicant, route="basis", name="Atelier Zuid").get()
    login(applicant)
    response = _withdraw(client, case, htmx=True)
    page = response.get_data(as_text=True)
    assert f'<section id="case-toetreding-{case.id}" class="confirm"' in page
    assert "Na deze stap is de status ‘ingetrokken’ en gaat er geen e-mail uit." in page
    assert "en gaat er e-mail uit" not in page
    assert "Niemand: er gaat geen e-mail uit." in page and leader.email not in page
    back = _withdraw(client, case, bevestigd="nee")
    assert back.status_code == 303
    kept = client.get(back.headers["Location"]).get_data(as_text=True)
    assert "We stoppen ermee.</textarea>" in kept
    assert Application.get_by_id(case.id).state == "concept"
    _withdraw(client, case, bevestigd="ja")
    assert Application.get_by_id(case.id).state == "ingetrokken"
    assert OutboxMessage.select().count() == 0
