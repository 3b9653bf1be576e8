"""In a real browser (chromium, headless): htmx checks each field as it is left, with CSRF
and the Content-Security-Policy on, and the form saves and submits a draft."""

import shutil
import threading

import pytest
from werkzeug.serving import make_server

from intranet.admission.models import Application

pytestmark = pytest.mark.once


@pytest.fixture
def live_url(app, make_user):
    """The app served on a free local port, CSRF protection on."""
    if not shutil.which("chromium"):
        pytest.skip("chromium is not installed")
    app.config["WTF_CSRF_ENABLED"] = True
    make_user("projectleider")
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture
def page(live_url):
    """A chromium page that fails the test on any CSP violation or script error."""
    sync_api = pytest.importorskip("playwright.sync_api")
    problems = []
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=shutil.which("chromium"))
        page = browser.new_page(base_url=live_url)
        page.on("pageerror", lambda error: problems.append(str(error)))
        page.on("console", lambda m: problems.append(m.text) if "Content Security" in m.text else 0)
        yield page
        browser.close()
    assert problems == []


def test_applicant_sees_each_rule_as_a_field_is_left_and_saves_the_draft(page, make_organisation):
    make_organisation(name="Naturalis", status="partner")
    page.goto("/aanmelden")
    page.get_by_label("School in een Leids samenwerkingsverband").check()
    page.get_by_role("button", name="Volgende").click()
    page.get_by_label("Naam van de organisatie").fill("naturalis")
    page.get_by_label("Naam van de organisatie").press("Tab")
    assert "al partner" in page.locator("#name-error").inner_text()
    page.get_by_label("Gemeente").fill("Den Haag")
    page.get_by_label("Gemeente").press("Tab")
    assert "niet in Den Haag" in page.locator("#municipality-error").inner_text()
    assert page.evaluate("document.activeElement.id") == "pupils"  # the swap kept the focus
    page.get_by_label("Naam van de organisatie").fill("De Zeester Katwijk")
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
    page.get_by_text("als concept opgeslagen").wait_for()
    page.get_by_role("button", name="Aanmelding indienen").click()
    page.get_by_text("Gelukt: Aanmelding indienen.").wait_for()
    assert page.locator(".badge.state-bij_projectleider").inner_text() == "Bij de projectleider"
    assert Application.get().state == "bij_projectleider"
