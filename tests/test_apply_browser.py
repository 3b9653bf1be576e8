"""In a real browser (chromium, headless): htmx checks each field as it is left, with CSRF
and the Content-Security-Policy on; the last step shows every answer to change, then submits;
a draft can wait."""

import pytest

from intranet.admission.models import ROUTES, Application
from intranet.models import FormAnswers
from tests.support import admission_flow as flow
from tests.support.browser import watch_for_errors

pytestmark = pytest.mark.once


@pytest.fixture
def page(live_server, browser):
    """A chromium page that fails the test on any CSP violation or script error."""
    page = live_server.new_page(browser)
    problems = watch_for_errors(page)
    yield page
    page.context.close()
    assert problems == []


def test_applicant_sees_each_rule_as_a_field_is_left_and_submits_from_the_summary(
    live_server, page
):
    page.goto("/aanmelden")
    page.get_by_label("School in een Leids samenwerkingsverband").check()
    page.get_by_role("button", name="Volgende").click()
    page.get_by_role("heading", name="Stap 2 van 4: Organisatie").wait_for()
    page.wait_for_load_state("load")  # htmx listens from DOMContentLoaded on: fill after it
    page.get_by_label("Naam van de organisatie").fill("naturalis biodiversity center")
    page.get_by_label("Naam van de organisatie").press("Tab")
    assert "al partner" in page.locator("#name-error").inner_text()
    page.get_by_label("Gemeente").fill("Den Haag")
    page.get_by_label("Gemeente").press("Tab")
    assert "niet in Den Haag" in page.locator("#municipality-error").inner_text()
    assert page.evaluate("document.activeElement.id") == "pupils"  # the swap kept the focus
    page.get_by_label("Naam van de organisatie").fill("De Branding Voorschoten")
    page.get_by_label("Gemeente").fill("Voorschoten")
    page.get_by_label("Sector").select_option("PO")
    page.get_by_label("Aantal leerlingen").fill("250")
    page.get_by_label("Aantal leerlingen").press("Tab")
    page.locator("#municipality-error").wait_for(state="detached")
    page.get_by_role("button", name="Volgende").click()  # no profile for a school
    page.get_by_role("heading", name="Stap 3 van 4: Contactpersoon").wait_for()
    page.wait_for_load_state("load")
    page.get_by_label("Uw naam").fill("Anna Aanvrager")
    page.get_by_label("Uw e-mailadres").fill("anna@example.org")
    page.get_by_label("Naam van de achtervang").fill("Bert")
    page.get_by_label("E-mailadres van de achtervang").fill("anna@example.org")
    page.get_by_label("E-mailadres van de achtervang").press("Tab")
    assert "iemand anders" in page.locator("#backup_email-error").inner_text()
    page.get_by_label("E-mailadres van de achtervang").fill("bert@example.org")
    page.get_by_role("button", name="Volgende").click()
    page.get_by_role("heading", name="Stap 4 van 4: Controleer en dien in").wait_for()
    review = page.locator("main").inner_text()
    assert "De Branding Voorschoten" in review and "250" in review and "bert@example.org" in review
    page.get_by_role("button", name="Wijzigen: organisatie").click()
    assert page.get_by_label("Aantal leerlingen").input_value() == "250"
    page.get_by_label("Aantal leerlingen").fill("260")
    page.get_by_role("button", name="Volgende").click()  # straight back to the summary
    page.get_by_role("heading", name="Stap 4 van 4: Controleer en dien in").wait_for()
    organisation = page.locator("section.apply-review", has_text="Aantal leerlingen")
    assert "260" in organisation.inner_text()
    page.get_by_label("Wachtwoord").fill("een lang wachtwoord")
    page.get_by_label("Wachtwoord").press("Enter")  # Enter submits, not the first 'Wijzigen'
    page.locator(".notice", has_text="is ingediend").wait_for()
    assert page.locator(".badge.state-bij_projectleider").inner_text() == "Bij de projectleider"
    assert page.get_by_role("button", name="Aanmelding indienen").count() == 0
    with live_server.context():
        application = Application.get(
            Application.organisation == flow.organisation_named("De Branding Voorschoten")
        )
        assert application.state == "bij_projectleider"
        assert application.organisation.pupil_count == 260


def test_bewaar_als_concept_and_submit_later_from_the_case_page(live_server, page):
    flow.apply_basis_until_review(page, "Atelier Bewaard", ("Cas Concept", "cas@example.org"))
    page.get_by_label("Wachtwoord").fill(flow.PASSWORD)
    page.get_by_role("button", name="Bewaar als concept").click()
    page.locator(".notice", has_text="als concept opgeslagen").wait_for()
    page.get_by_role("button", name="Aanmelding indienen").click()
    page.locator(".notice", has_text="is ingediend").wait_for()
    with live_server.context():
        assert Application.get(
            Application.organisation == flow.organisation_named("Atelier Bewaard")
        ).submitted_at


def _heading(page, name):
    page.get_by_role("heading", name=name).wait_for()


def test_back_in_the_browser_shows_each_step_again_and_a_closed_tab_loses_nothing(
    live_server, page, browser
):
    page.goto("/aanmelden")
    page.get_by_label(ROUTES["basis"]).check()
    page.get_by_role("button", name="Volgende").click()
    _heading(page, "Stap 2 van 4: Organisatie")
    assert page.url.endswith("/aanmelden/organisatie")  # a step has its own address
    page.get_by_label("Naam van de organisatie").fill("Atelier Terug")
    page.get_by_label("Sector").select_option("cultuur")
    page.get_by_label("Gemeente (vestigingsplaats)").fill("Leiden")
    page.get_by_role("button", name="Volgende").click()
    _heading(page, "Stap 3 van 4: Contactpersoon")
    page.go_back()  # no 'Confirm Form Resubmission': the step before, as answered
    _heading(page, "Stap 2 van 4: Organisatie")
    assert page.get_by_label("Naam van de organisatie").input_value() == "Atelier Terug"
    page.go_back()
    _heading(page, "Stap 1 van 4: Route")
    assert page.get_by_label(ROUTES["basis"]).is_checked()
    page.go_forward()
    _heading(page, "Stap 2 van 4: Organisatie")
    assert page.get_by_label("Gemeente (vestigingsplaats)").input_value() == "Leiden"
    page.get_by_role("button", name="Volgende").click()
    _heading(page, "Stap 3 van 4: Contactpersoon")
    flow.fill_contact(page, ("Tessa Terug", "tessa@terug.example.org"))
    page.get_by_role("button", name="Volgende").click()
    _heading(page, "Stap 4 van 4: Controleer en dien in")
    page.context.close()  # the tab is closed before submitting
    links = live_server.mail_links("tessa@terug.example.org", "later verder")
    assert len(links) == 1, "naming the address sends one link back to the form"
    other = live_server.new_page(browser)  # later, in another browser
    other.goto(links[0])
    _heading(other, "Stap 4 van 4: Controleer en dien in")
    review = other.locator("main").inner_text()
    assert "Atelier Terug" in review and "tessa@terug.example.org" in review
    flow.submit(other)
    with live_server.context():
        assert Application.get(
            Application.organisation == flow.organisation_named("Atelier Terug")
        ).submitted_at
        assert FormAnswers.select().count() == 0  # the kept answers went with the draft
    other.go_back()  # Back after submitting: the application, not the form again
    other.locator(".notice", has_text="al opgeslagen").wait_for()
    other.context.close()
