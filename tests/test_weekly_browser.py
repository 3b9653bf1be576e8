"""In a real browser on the demo: the folding menu, "Mijn taken" after logging in, a reminder
by hand with and without JavaScript, and the calendar link read by the `icalendar` library."""

import icalendar
import pytest

from intranet.admission.models import Application
from intranet.demo.core import PROJECTLEIDER, contact_email
from intranet.models import Organisation
from intranet.reminders.models import Reminder

pytestmark = pytest.mark.once

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
NO_JS = {"java_script_enabled": False}
NATURALIS = "Naturalis Biodiversity Center"


def test_logging_in_lands_on_mijn_taken_with_a_count_in_the_menu(live_server, browser):
    page = live_server.login(browser, contact_email(NATURALIS), viewport=DESKTOP)
    assert page.url.endswith("/taken/")
    first = page.locator("ol.tasks > li").first
    assert "Teken het nieuwe convenant voor Naturalis" in first.inner_text()  # pinned on top
    assert "uiterlijk" in first.inner_text()
    count = page.locator("nav .menu a[href='/taken/'] .task-count").inner_text()
    assert int(count) == page.locator("ol.tasks > li").count()


def test_the_menu_folds_on_a_phone_and_opens_without_javascript(live_server, browser):
    page = live_server.login(browser, PROJECTLEIDER[1], viewport=PHONE, **NO_JS)
    dashboard = page.get_by_role("link", name="Dashboard", exact=True)
    assert not dashboard.is_visible()
    page.locator("details.site-menu > summary").click()
    assert dashboard.is_visible()
    box = dashboard.bounding_box()
    assert box["x"] + box["width"] <= PHONE["width"]
    page.set_viewport_size(DESKTOP)
    page.reload()
    assert not page.locator("details.site-menu > summary").is_visible()
    assert dashboard.is_visible()  # on a wide screen the menu is simply there


@pytest.mark.parametrize("options", [{}, NO_JS], ids=["htmx", "no-js"])
def test_the_projectleider_reminds_the_members_who_have_not_voted(live_server, browser, options):
    with live_server.context():
        organisation = Organisation.get(Organisation.name == "Muziekschool Leiden")
        case = Application.get(Application.organisation == organisation)
        Reminder.delete().execute()  # each variant starts without a reminder of today
    page = live_server.login(browser, PROJECTLEIDER[1], **options)
    page.goto(f"/stemmen/{case.id}")
    page.get_by_role("button", name="Herinner de leden die nog niet stemden").click()
    notice = page.locator("main .notice.success").filter(has_text="Herinnering verstuurd aan 12")
    notice.wait_for()  # in the swapped block with htmx, at the top of the page without
    block = page.locator("#herinneren")
    assert "Laatst herinnerd door" in block.inner_text()
    assert "Herinneren kan één keer per dag" in block.inner_text()
    assert page.get_by_role("button", name="Herinner de leden die nog niet stemden").count() == 0


def test_the_calendar_link_feeds_a_calendar_app(live_server, browser):
    page = live_server.login(browser, contact_email(NATURALIS))
    page.get_by_role("link", name="Alle termijnen in uw eigen agenda").click()
    page.get_by_role("button", name="Maak mijn agendalink").click()
    link = page.get_by_label("Uw agendalink").input_value()
    calendar_app = live_server.new_page(browser)  # no login: the secret in the link opens it
    response = calendar_app.request.get(link)
    assert response.ok and response.headers["content-type"].startswith("text/calendar")
    events = icalendar.Calendar.from_ical(response.body()).walk("VEVENT")
    summaries = [str(event["summary"]) for event in events]
    assert f"Ondertekenen: Teken het nieuwe convenant voor {NATURALIS}" in summaries

    page.get_by_role("button", name="Nieuwe link maken (de oude werkt dan niet meer)").click()
    assert page.get_by_label("Uw agendalink").input_value() != link
    assert calendar_app.request.get(link).status == 404
