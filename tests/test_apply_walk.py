"""The applicant's walk (issue 26): what the case page, the tasks, the form's errors, its last
step and a one-person organisation look like."""

import re

from intranet.admission.models import Application
from intranet.admission.workflow import WORKFLOW as admission
from intranet.models import FormAnswers, OutboxMessage
from intranet.workflows import engine
from tests.support import factories
from tests.support.apply_support import (
    ACCOUNT,
    CONTACT,
    SUBMIT,
    errors,
    fill_in,
    heading,
    organisation,
    post_step,
)
from tests.support.decide import text


def _title(response):
    return re.search(r"<title>(.*?)</title>", text(response), re.S).group(1)


def _summary(response):
    found = re.search(r'<div class="error-summary".*?</div>', text(response), re.S)
    return re.sub(r"<[^>]+>|\s+", " ", found.group(0)) if found else ""


def test_a_step_with_errors_says_fout_and_names_the_step_in_the_title(client):
    page = fill_in(client, "basis", upto="route")
    assert _title(page).startswith("Stap 2 van 4: Organisatie")
    bad = post_step(client, page, organisation("basis", name=""))
    assert _title(bad).startswith("Fout: Stap 2 van 4: Organisatie")


def test_errors_name_their_field_without_doubled_punctuation(client):
    page = fill_in(client, "uitgebreid", upto="profiel")
    bad = post_step(
        client,
        page,
        {"referee1_name": "Rosa", "referee1_email": "geen", "referee2_name": "Ruud"},
    )
    summary = _summary(bad)
    assert "Het e-mailadres van referent 1 is geen geldig e-mailadres." in summary
    assert "Vul het e-mailadres van referent 2 in." in summary
    assert "E-mailadres:" not in summary and "?:" not in summary and ".." not in summary
    route = post_step(client, client.get("/aanmelden"), {})
    assert "aan?:" not in _summary(route) and "Kies een van de routes." in _summary(route)


def test_the_last_step_repeats_the_cost_and_shows_the_municipality_as_saved(client):
    review = fill_in(
        client, "basis", upto="contactpersoon", org=organisation("basis", municipality="  leiden ")
    )
    assert heading(review).endswith("Controleer en dien in")
    page = text(review)
    assert "<dt>Kosten</dt><dd>€ 150 per schooljaar.</dd>" in page
    assert "<dd>Leiden</dd>" in page and "<dd>leiden</dd>" not in page


def test_a_one_person_organisation_says_it_has_no_achtervang(client):
    contact = {"contact_name": "Els Alleen", "contact_email": "els@alleen.example.org"}
    page = fill_in(client, "basis", upto="organisatie")
    assert "Werkt u alleen?" in text(page)  # what having none means
    missing = post_step(client, page, contact)
    assert "Vul de naam van de achtervang in, of kies ‘Er is geen achtervang’." in errors(missing)
    review = post_step(client, missing, {**contact, "no_backup": "y"})
    assert heading(review).endswith("Controleer en dien in"), errors(review)
    assert "geen: u bent de enige in uw organisatie" in text(review)
    saved = post_step(client, review, ACCOUNT, go=SUBMIT)
    assert saved.status_code == 303
    application = Application.get()
    assert (application.backup_name, application.backup_email) == ("", "")
    assert application.state == "bij_projectleider"


def test_a_sports_club_has_a_sector_of_its_own(client):
    page = fill_in(client, "basis", upto="route")
    assert '<option value="sport">Sport en bewegen</option>' in text(page)
    contact = post_step(client, page, organisation("basis", sector="sport"))
    assert heading(contact).endswith("Contactpersoon"), errors(contact)


def test_the_return_link_is_sent_once_per_address_and_dies_when_the_address_changes(client, app):
    page = fill_in(client, "basis", upto="contactpersoon")
    assert heading(page).endswith("Controleer en dien in")
    first = [m for m in OutboxMessage.select() if "later verder" in m.subject]
    assert [m.to for m in first] == [CONTACT["contact_email"]]
    link = re.search(r"https?://\S+", first[0].body).group(0).split("localhost", 1)[-1]
    edit = post_step(client, page, {}, go="edit-contactpersoon")
    post_step(client, edit, {**CONTACT, "contact_email": "anders@aspirant.example.org"})
    assert [m.to for m in OutboxMessage.select() if "later verder" in m.subject] == [
        CONTACT["contact_email"],
        "anders@aspirant.example.org",
    ]
    stranger = app.test_client()
    old = stranger.get(link)
    assert old.status_code == 400 and "werkt niet meer" in text(old)
    assert stranger.get("/aanmelden/verder/geknoeid").status_code == 400


def test_naming_address_after_address_mails_no_more_than_the_limit(client, app):
    page = fill_in(client, "basis", upto="contactpersoon")
    limit = app.config["RATE_LIMITS"]["form-return"][0]
    for n in range(limit + 2):
        edit = post_step(client, page, {}, go="edit-contactpersoon")
        page = post_step(client, edit, {**CONTACT, "contact_email": f"doel{n}@elders.example.org"})
        assert heading(page).endswith("Controleer en dien in")  # the answers are kept
    mailed = [m.to for m in OutboxMessage.select() if "later verder" in m.subject]
    assert len(mailed) == limit


def test_a_step_cannot_be_skipped_by_its_address_and_an_unknown_step_is_not_found(client):
    assert client.get("/aanmelden/contactpersoon").headers["Location"] == "/aanmelden"
    assert client.get("/aanmelden/bestaat-niet").status_code == 404
    assert client.get("/aanmelden/route").status_code == 404  # the first step is /aanmelden
    fill_in(client, "basis", upto="route")
    skipped = client.get("/aanmelden/controle")
    assert skipped.headers["Location"] == "/aanmelden/organisatie"
    assert client.get("/aanmelden/profiel").headers["Location"] == "/aanmelden/organisatie"


def test_someone_elses_kept_form_is_not_theirs(client, app, make_user, login):
    fill_in(client, "basis", upto="organisatie")
    row = FormAnswers.get()
    other = app.test_client()
    assert "Techniekatelier" not in text(
        other.get("/aanmelden/contactpersoon", follow_redirects=True)
    )
    FormAnswers.update(user=make_user().id).where(FormAnswers.id == row.id).execute()
    login(make_user())
    page = client.get("/aanmelden/contactpersoon", follow_redirects=True)
    assert heading(page).endswith("Route")  # another account's form: a fresh one


def test_withdrawing_is_folded_below_the_timeline(client, make_user, login):
    applicant = make_user()
    case = factories.Case(applicant, route="basis").submitted().get()
    login(applicant)
    page = text(client.get(f"/aanmelding/{case.id}"))
    timeline, withdraw = page.index("<summary>Tijdlijn ("), page.index("Aanmelding intrekken")
    assert timeline < withdraw
    assert '<details class="folded-step">' in page[timeline:withdraw]
    assert "Tijdlijn (2 stappen)" in page or "Tijdlijn (1 stap)" in page


def test_the_answered_question_goes_with_the_answer(client, make_user, login, leader):
    applicant = make_user()
    case = factories.Case(applicant, route="basis").submitted().get()
    engine.fire(admission, case.id, "aanvulling_vragen", leader, comment="Hoeveel workshops?")
    login(applicant)
    assert 'id="case-lead-toetreding-' in text(client.get(f"/aanmelding/{case.id}"))
    answered = client.post(
        f"/zaak/toetreding/{case.id}/stap/aanvullen",
        data={"expected_state": "aanvulling", "comment": "Twaalf."},
        headers={"HX-Request": "true"},
    )
    body = text(answered)
    assert f'<div id="case-lead-toetreding-{case.id}" hx-swap-oob="true"></div>' in body
    assert "Vraag van de projectleider" not in body
    again = text(client.get(f"/aanmelding/{case.id}"))
    assert "Vraag van de projectleider" not in again


def test_after_an_escalation_without_a_vote_the_vote_is_not_shown_as_done(
    client, make_user, login, leader
):
    applicant = make_user()
    case = factories.Case(applicant).escalated(leader).get()
    login(applicant)
    page = text(client.get(f"/aanmelding/{case.id}"))
    assert "Stemming (niet nodig: de regiegroep besluit)" in page
    assert 'Stemming<span class="visually-hidden"> (klaar)' not in page


def test_the_applicant_finds_the_application_on_mijn_taken(client, make_user, login, leader):
    applicant = make_user()
    case = factories.Case(applicant, route="basis").submitted().get()
    login(applicant)
    page = text(client.get("/taken/"))
    assert "Er wacht nu niets op u." in page  # nothing to do, so nothing counted
    assert "Waar uw zaken staan" in page and f'href="/aanmelding/{case.id}"' in page
    assert 'class="task-count"' not in page
