"""End to end in a real browser, on the demo: a contactpersoon signs the renewal, another
accepts the vriend invitation, and the projectleider's round pages show both."""

import shutil
import threading

import pytest
from werkzeug.serving import make_server

from intranet.demo import DEMO_PASSWORD
from intranet.demo.core import PROJECTLEIDER, contact_email
from intranet.rounds.models import Round

pytestmark = pytest.mark.once

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture
def live_demo(app, runner):
    """The demo data served over HTTP by a real server, CSRF protection on."""
    assert runner.invoke(args=["seed-demo"]).exit_code == 0
    app.config["WTF_CSRF_ENABLED"] = True
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join()


@pytest.fixture
def browser():
    """A headless Chromium."""
    if not CHROMIUM:
        pytest.skip("chromium is not installed (make browser-deps)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM)
        yield chromium
        chromium.close()


def _login(browser, base, email):
    page = browser.new_context().new_page()
    page.goto(f"{base}/inloggen")
    page.fill("#email", email)
    page.fill("#password", DEMO_PASSWORD)
    page.click("form button[type=submit]")
    return page


def test_signing_and_becoming_vriend_show_on_the_round_pages(live_demo, browser):
    base = live_demo
    naturalis = _login(browser, base, contact_email("Naturalis Biodiversity Center"))
    naturalis.goto(f"{base}/convenant/mijn")
    naturalis.click("text=Ondertekening convenant: De Leidse Aanpak 4.0")
    naturalis.fill("#signer_function", "directeur collecties")
    naturalis.check("#authorised")
    naturalis.click("text=Convenant tekenen")
    naturalis.wait_for_selector("text=Getekend: Naturalis Biodiversity Center gaat door")
    assert "directeur collecties" in naturalis.content()

    museum = _login(browser, base, contact_email("Museum Boerhaave"))
    museum.goto(f"{base}/convenant/mijn")
    museum.click("text=Uitnodiging vriend van LEF: De Leidse Aanpak 3.0")
    museum.click("text=Ja, Museum Boerhaave wordt vriend van LEF")
    museum.wait_for_selector("text=Welkom! Uw organisatie is vriend van LEF.")

    leader = _login(browser, base, PROJECTLEIDER[1])
    signing = Round.get(Round.kind == "renewal")
    leader.goto(f"{base}/convenant/ronde/{signing.id}?status=getekend")
    row = leader.locator("tr", has_text="Naturalis Biodiversity Center")
    assert "directeur collecties" in row.inner_text()
    friends = Round.get(Round.kind == "vriend")
    leader.goto(f"{base}/convenant/ronde/{friends.id}")
    leader.click("a.state-vriend")
    leader.wait_for_url("**status=vriend**")
    assert "Museum Boerhaave" in leader.locator("#progress").inner_text()
