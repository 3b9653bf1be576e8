"""In a real browser (chromium, headless): htmx checks each field as it is left, with CSRF
and the Content-Security-Policy on, and the form saves and submits a draft."""

import pytest

from intranet.admission.models import Application
from intranet.models import Organisation
from tests.browser import watch_for_errors

pytestmark = pytest.mark.once


@pytest.fixture
def page(live_server, browser):
    """A chromium page that fails the test on any CSP violation or script error."""
    page = live_server.new_page(browser)
    problems = watch_for_errors(page)
    yield page
    page.context.close()
    assert problems == []


def test_applicant_sees_each_rule_as_a_field_is_left_and_saves_the_draft(live_server, page):
    page.goto("/aanmelden")
    page.get_by_label("School in een Leids samenwerkingsverband").check()
    page.get_by_role("button", name="Volgende").click()
    page.get_by_label("Naam van de organisatie").fill("naturalis biodiversity center")
    page.get_by_label("Naam van de organisatie").press("Tab")
    assert "al partner" in page.locator("#name-error").inner_text()
    page.get_by_label("Gemeente").fill("Den Haag")
    page.get_by_label("Gemeente").press("Tab")
    assert "niet in Den Haag" in page.locator("#municipality-error").inner_text()
    assert page.evaluate("document.activeElement.id") == "pupils"  # the swap kept the focus
    page.get_by_label("Naam van de organisatie").fill("De Branding Katwijk")
    page.get_by_label("Gemeente").fill("Katwijk")
    page.get_by_label("Sector").select_option("PO")
    page.get_by_label("Aantal leerlingen").fill("250")
    page.get_by_label("Aantal leerlingen").press("Tab")
    page.locator("#municipality-error").wait_for(state="detached")
    page.get_by_role("button", name="Volgende").click()
    page.get_by_role("button", name="Volgende").click()  # the profile may stay empty
    page.get_by_label("Uw naam").fill("Anna Aanvrager")
    page.get_by_label("Uw e-mailadres").fill("anna@example.org")
    page.get_by_label("Wachtwoord").fill("een lang wachtwoord")
    page.get_by_label("Naam van de achtervang").fill("Bert")
    page.get_by_label("E-mailadres van de achtervang").fill("anna@example.org")
    page.get_by_label("E-mailadres van de achtervang").press("Tab")
    assert "iemand anders" in page.locator("#backup_email-error").inner_text()
    page.get_by_label("E-mailadres van de achtervang").fill("bert@example.org")
    page.get_by_role("button", name="Concept opslaan").click()
    page.locator(".notice", has_text="als concept opgeslagen").wait_for()
    page.get_by_role("button", name="Aanmelding indienen").click()
    page.locator(".notice", has_text="is ingediend").wait_for()
    assert page.locator(".badge.state-bij_projectleider").inner_text() == "Bij de projectleider"
    with live_server.context():
        application = Application.get(Application.organisation == _named("De Branding Katwijk"))
        assert application.state == "bij_projectleider"


def _named(name):
    """The organisation of that name."""
    return Organisation.get(Organisation.name == name)
