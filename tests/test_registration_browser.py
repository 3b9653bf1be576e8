"""In a real browser on the demo: a visitor registers for a public meeting without an
account, confirms through the mail, stands on the attendance list with their organisation,
and cancels from the confirmation mail."""

import os
from pathlib import Path

import pytest

from intranet.network.models import Meeting, Registration

pytestmark = pytest.mark.once

CAFE = "Onderwijscafé: AI in de klas"
SHOTS = Path(os.environ.get("SCREENSHOT_DIR", "/tmp/intranet-screenshots"))


def _registration(live, email):
    with live.context():
        return Registration.get(Registration.email == email)


def test_a_visitor_registers_confirms_is_listed_and_cancels_from_the_mail(live_server, browser):
    email = "sanne.bakker@example.org"
    visitor = live_server.new_page(browser)
    visitor.goto("/agenda")
    article = visitor.locator("article", has_text=CAFE)
    assert "Inloggen om aan te melden" not in visitor.locator("main").inner_text()
    article.get_by_role("link", name="Aanmelden (geen account nodig)").click()
    visitor.get_by_role("heading", name=CAFE).wait_for()
    visitor.get_by_label("Naam", exact=True).fill("Sanne Bakker")
    visitor.get_by_label("E-mailadres", exact=True).fill(email)
    visitor.get_by_label("Organisatie", exact=True).select_option(label="Hogeschool Leiden")
    visitor.get_by_label("Ik ga akkoord").check()
    visitor.get_by_role("button", name="Aanmelden").click()
    visitor.get_by_role("heading", name="Kijk in uw e-mail").wait_for()
    assert _registration(live_server, email).answer == "onbevestigd"

    (confirm,) = [link for link in live_server.mail_links(email) if link.endswith("/bevestigen")]
    visitor.goto(confirm)
    visitor.get_by_role("button", name="Bevestig mijn aanmelding").click()
    visitor.get_by_text("Uw aanmelding is bevestigd").wait_for()
    assert _registration(live_server, email).answer == "komt"

    with live_server.context():
        meeting = Meeting.get(Meeting.title == CAFE)
    leader = live_server.login(browser, "projectleider@example.org")
    leader.goto(f"/bijeenkomsten/{meeting.id}/aanwezigheid")
    assert "Sanne Bakker, Hogeschool Leiden" in leader.locator("main").inner_text()

    cancels = [link for link in live_server.mail_links(email, "Aangemeld") if "/afmelden" in link]
    visitor.goto(cancels[0])
    visitor.get_by_role("button", name="Afmelden: ik kom niet").click()
    visitor.get_by_text("U bent afgemeld").wait_for()
    assert _registration(live_server, email).answer == "komt_niet"


def test_the_public_meeting_page_on_a_phone_and_a_desktop(live_server, browser):
    SHOTS.mkdir(parents=True, exist_ok=True)
    with live_server.context():
        meeting = Meeting.get(Meeting.title == CAFE)
    for width in (390, 1280):
        page = live_server.new_page(browser, viewport={"width": width, "height": 900})
        page.goto(f"/agenda/{meeting.id}")
        text = page.locator("main").inner_text()
        assert "Inloop" in text and "@" not in text
        page.screenshot(path=SHOTS / f"public-meeting-{width}.png", full_page=True)
