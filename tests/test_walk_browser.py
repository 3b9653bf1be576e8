"""In a real browser on the demo (issue 26): the vote that closes at its majority says so
before and after, and tells everyone by e-mail; the projectleider's header at 1280 px."""

from datetime import timedelta
from itertools import pairwise

import pytest

from intranet.clock import now, today
from intranet.demo.core import PROJECTLEIDER, contact_email
from intranet.models import Membership, OutboxMessage, User
from intranet.network.jaargesprek import Jaargesprek
from intranet.network.models import KOMT, Invitation, Meeting
from intranet.schooljaar import schooljaar_of
from tests.support import factories
from tests.support.factories import cast_vote
from tests.support.network_support import published
from tests.support.tasks_support import contribution, unpaid_invoice

pytestmark = pytest.mark.once

DESKTOP = {"width": 1280, "height": 800}


def test_the_vote_says_it_closes_at_the_majority_and_everyone_hears_when_it_does(
    live_server, browser
):
    with live_server.context():
        leader = User.by_email(PROJECTLEIDER[1])
        applicant = User.create(email="aanvrager.walk@example.org", name="Wanda Walk")
        case = factories.Case(applicant, name="Walk Theater").nominated(leader).get()
        members = sorted(Membership.member_ids("projectgroep"))
        needed = len(members) // 2 + 1
        voters = [User.get_by_id(member_id) for member_id in members]
        for member in voters[: needed - 1]:
            assert cast_vote(case.id, member, "voor") is None
        last = voters[needed - 1]
        OutboxMessage.delete().execute()
    page = live_server.login(browser, last.email, viewport=DESKTOP)
    page.goto(f"/stemmen/{case.id}")
    rule = page.locator(".vote-rule").inner_text()
    assert "sluit zodra een meerderheid" in rule and "meteen definitief" in rule
    assert "de aanvrager krijgen dan bericht" in rule
    page.get_by_label("Voor", exact=True).check()
    page.get_by_label("Motivering (optioneel)").fill("Een sterk aanbod.")
    page.get_by_role("button", name="Stem uitbrengen").click()
    page.locator(".notice", has_text="Daarmee is de stemming gesloten: toegelaten").wait_for()
    assert "De stemming is gesloten" in page.locator(".vote-panel").inner_text()
    with live_server.context():
        closed = {m.to for m in OutboxMessage.select() if m.kind == "admission_vote_closed"}
        told = {u.email for u in voters} | {PROJECTLEIDER[1]}
        assert told <= closed, told - closed
        body = OutboxMessage.get(OutboxMessage.to == PROJECTLEIDER[1]).body
        assert "meerderheid voor: de organisatie is partner" in body
        subjects = {
            m.subject for m in OutboxMessage.select().where(OutboxMessage.to == applicant.email)
        }
        assert "Welkom als partner, Walk Theater" in subjects


def _boxes(page, selector):
    return [item.bounding_box() for item in page.locator(selector).all()]


def test_the_projectleiders_header_at_1280_px_is_the_name_then_the_links_in_rows(
    live_server, browser
):
    """A designed wrap: the name on its own line, the links below it in at most two rows
    within the window, Uitloggen at the end."""
    page = live_server.login(browser, PROJECTLEIDER[1], viewport=DESKTOP)
    brand = page.locator("header nav .brand").bounding_box()
    items = _boxes(page, "header nav ul.menu > li")
    assert len(items) >= 10  # the long menu: every link and Uitloggen
    tops = sorted(box["y"] for box in items)
    rows = 1 + sum(1 for above, below in pairwise(tops) if below - above > 16)
    assert rows <= 2, "the links take at most two rows"
    top = min(box["y"] for box in items)
    assert brand["y"] + brand["height"] <= top + 4  # the name above, not beside
    right = max(box["x"] + box["width"] for box in items)
    assert right <= DESKTOP["width"]
    logout = page.get_by_role("button", name="Uitloggen").bounding_box()
    assert logout["y"] >= max(box["y"] for box in items) - 4  # in the last row, at the end
    assert logout["x"] > brand["x"] + 600
    assert page.get_by_role("link", name="Verzonden mail").is_visible()  # no 'Outbox'


def test_a_contactpersoons_short_menu_stays_on_the_line_of_the_name(live_server, browser):
    page = live_server.login(
        browser, contact_email("Naturalis Biodiversity Center"), viewport=DESKTOP
    )
    brand = page.locator("header nav .brand").bounding_box()
    items = _boxes(page, "header nav ul.menu > li")
    for box in items:  # every link beside the name: their boxes overlap in height
        assert box["y"] < brand["y"] + brand["height"] and brand["y"] < box["y"] + box["height"]


def test_the_projectleider_and_a_contactpersoon_find_each_new_kind_of_task(live_server, browser):
    with live_server.context():
        leader = User.by_email(PROJECTLEIDER[1])
        contact = User.by_email(contact_email("Naturalis Biodiversity Center"))
        partner = contact.contacts.get().organisation
        coming = published(leader, people=[contact], title="Walk-bijeenkomst", days=12)
        contribution(coming, partner, title="Walk-bijdrage")
        Jaargesprek.delete().where(
            Jaargesprek.organisation == partner, Jaargesprek.schooljaar == schooljaar_of()
        ).execute()
        Jaargesprek.create(
            organisation=partner, schooljaar=schooljaar_of(), planned_on=today() - timedelta(1)
        )
        unpaid_invoice(partner, 9999, today() - timedelta(days=5))
        past = published(leader, people=[contact], title="Walk-terugblik", days=1)
        Meeting.update(
            starts_at=now() - timedelta(days=1, hours=2), ends_at=now() - timedelta(days=1)
        ).where(Meeting.id == past.id).execute()
        Invitation.update(answer=KOMT).where(Invitation.meeting == past.id).execute()
    page = live_server.login(browser, PROJECTLEIDER[1], viewport=DESKTOP)
    tasks = page.locator("ol.tasks").inner_text()
    for title in (
        "Beoordeel de bijdrage ‘Walk-bijdrage’",
        f"Jaargesprek met {partner.name}",
        "Leg de aanwezigheid vast bij Walk-terugblik",
        "over de vervaldatum",
    ):
        assert title in tasks, title
    page.get_by_role("link", name="Leg de aanwezigheid vast bij Walk-terugblik").click()
    page.wait_for_url(f"**/bijeenkomsten/{past.id}/aanwezigheid")
    own = live_server.login(browser, contact.email, viewport=DESKTOP)
    assert "Laat weten of u komt: Walk-bijeenkomst" in own.locator("ol.tasks").inner_text()
