"""In a real browser on the demo: answering an invitation with JavaScript (htmx swaps the
answer block in place) and without it (plain form posts, and the link in the mail)."""

import pytest

from intranet.demo.core import contact_email
from intranet.models import User
from intranet.network.models import Invitation, Meeting

pytestmark = pytest.mark.once

NO_JS = {"java_script_enabled": False}
TITLE = "Netwerkbijeenkomst contactpersonen"


def _meeting(live):
    with live.context():
        return Meeting.get(Meeting.title == TITLE).id


def _answer_of(live, email):
    with live.context():
        user = User.get(User.email == email)
        meeting = Meeting.get(Meeting.title == TITLE)
        return Invitation.get(Invitation.meeting == meeting, Invitation.user == user).answer


def test_answering_with_javascript_swaps_the_answer_in_place(live_server, browser):
    email = contact_email("Naturalis Biodiversity Center")
    page = live_server.login(browser, email)
    page.goto(f"/bijeenkomsten/{_meeting(live_server)}")
    page.evaluate("window.stayedOnThePage = true")
    page.get_by_role("button", name="Ik kom", exact=True).click()
    page.locator(".answer .notice.success").wait_for()
    assert page.evaluate("window.stayedOnThePage") is True  # no page load: htmx swapped it
    assert "Genoteerd: u komt." in page.locator(".answer").inner_text()
    assert _answer_of(live_server, email) == "komt"
    page.get_by_role("button", name="Ik kom niet").click()
    page.get_by_text("Genoteerd: u komt niet.").wait_for()
    assert _answer_of(live_server, email) == "komt_niet"


def test_answering_without_javascript_on_the_page_and_through_the_mail(live_server, browser):
    email = contact_email("Museum Boerhaave")
    page = live_server.login(browser, email, **NO_JS)
    page.goto(f"/bijeenkomsten/{_meeting(live_server)}")
    page.get_by_role("button", name="Ik kom", exact=True).click()
    page.get_by_text("Genoteerd: u komt.").wait_for()
    assert _answer_of(live_server, email) == "komt"

    other = contact_email("Museum Volkenkunde")
    links = live_server.mail_links(other, f"Uitnodiging: {TITLE}")
    (link,) = [link for link in links if link.startswith("/antwoord/")]
    visitor = live_server.new_page(browser, **NO_JS)  # not logged in: the link is enough
    visitor.goto(link)
    visitor.get_by_role("button", name="Ik kom niet").click()
    visitor.get_by_role("heading", name="Dank u wel").wait_for()
    assert _answer_of(live_server, other) == "komt_niet"
    visitor.goto(link)
    assert "al gebruikt" in visitor.locator("main").inner_text()
