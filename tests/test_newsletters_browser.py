"""In a real browser on the demo, with a real SMTP server: the projectleider sends the PO
newsletter; exactly the expected people receive it, each message carries a working one-click
unsubscribe, and whoever unsubscribed does not receive the next one. Screenshots of the
public news and newsletter pages."""

import os
import urllib.request
from email import message_from_bytes, policy
from pathlib import Path

import pytest

from intranet.mail_delivery import deliver_queued
from intranet.models import Contact, Organisation, OutboxMessage, User
from intranet.newsletters.models import Newsletter
from intranet.professionals.models import NewsletterSubscription
from intranet.workflows.states import OrganisationStatus
from tests.support.smtp_server import Recorder, smtp_server

pytestmark = pytest.mark.once

SHOTS = Path(os.environ.get("SCREENSHOT_DIR", "/tmp/intranet-screenshots"))
SUBSCRIBER = "anouk.visser@example.org"  # a demo professional who chose the PO newsletter


def _expected_po():
    """Who should get it, read straight from the demo: contacts of PO partners and of members
    without pupils (basis or uitgebreid), and the people who chose PO (active, confirmed)."""
    people = User.active & User.email_confirmed_at.is_null(False)
    contacts = (
        Contact.select(User.email)
        .join(User)
        .switch(Contact)
        .join(Organisation)
        .where(
            people,
            Organisation.status.in_(OrganisationStatus.CURRENT),
            (Organisation.sector == "PO")
            | Organisation.membership_type.in_(["basis", "uitgebreid"]),
        )
    )
    chose = (
        NewsletterSubscription.select(User.email)
        .join(User)
        .where(people, NewsletterSubscription.werkveld == "PO")
    )
    return {email for (email,) in contacts.tuples()} | {email for (email,) in chose.tuples()}


def _deliver(live, recorder, subject):
    with live.context():
        while OutboxMessage.select().where(OutboxMessage.status == "queued").exists():
            deliver_queued()
    received = {}
    for envelope in recorder.messages:
        email = message_from_bytes(envelope.original_content, policy=policy.default)
        if email["Subject"] == subject:  # not the demo's other queued mail
            received[envelope.rcpt_tos[0]] = email
    recorder.messages.clear()
    return received


def _send_newsletter(live, browser, subject):
    page = live.login(browser, "projectleider@example.org")
    page.goto("/nieuwsbrieven/nieuw")
    page.get_by_label("Onderwerp").fill(subject)
    page.get_by_label("Inleiding").fill("Beste collega's,\n\nHier is het nieuws uit het PO.")
    page.get_by_label("Primair onderwijs").check()
    page.get_by_label("Buitenlab: leren over de natuur").check()
    page.get_by_role("button", name="Opslaan en ontvangers bekijken").click()
    page.get_by_role("heading", name="Ontvangers").wait_for()
    page.get_by_label("Ja, verstuur deze nieuwsbrief").check()
    page.get_by_role("button", name="Versturen", exact=True).click()
    page.get_by_text("De nieuwsbrief gaat naar").wait_for()
    return page


def test_the_po_newsletter_reaches_exactly_the_expected_people_and_unsubscribing_works(
    live_server, browser
):
    recorder = Recorder()
    with smtp_server(recorder) as config:
        live_server.app.config.update(config)
        with live_server.context():
            expected = _expected_po()
        assert SUBSCRIBER in expected and len(expected) > 5
        _send_newsletter(live_server, browser, "Nieuwsbrief PO, december")
        received = _deliver(live_server, recorder, "Nieuwsbrief PO, december")
        assert set(received) == expected
        links = {
            to: email["List-Unsubscribe"].strip().strip("<>") for to, email in received.items()
        }
        assert all(
            e["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click" for e in received.values()
        )
        assert len(set(links.values())) == len(links)  # one link per person
        for to, email in received.items():
            assert email.get_body(("html",)) and email.get_body(("plain",))
            with urllib.request.urlopen(links[to]) as answer:  # the page with the button
                assert answer.status == 200
        one_click = urllib.request.Request(
            links[SUBSCRIBER], data=b"List-Unsubscribe=One-Click", method="POST"
        )
        with urllib.request.urlopen(one_click) as answer:  # no cookie, no CSRF token
            assert answer.status == 200

        _send_newsletter(live_server, browser, "Nieuwsbrief PO, januari")
        second = _deliver(live_server, recorder, "Nieuwsbrief PO, januari")
        assert set(second) == expected - {SUBSCRIBER}
    live_server.app.config.update(MAIL_SERVER="")


def test_public_news_and_newsletter_pages_on_a_phone_and_a_desktop(live_server, browser):
    SHOTS.mkdir(parents=True, exist_ok=True)
    with live_server.context():
        sent = Newsletter.select().where(Newsletter.state == "verzonden").first()
    pages = {"news": "/nieuws/", "newsletters": "/nieuwsbrieven/archief"}
    if sent:
        pages["newsletter"] = f"/nieuwsbrieven/archief/{sent.id}"
    for name, path in pages.items():
        for width in (390, 1280):
            page = live_server.new_page(browser, viewport={"width": width, "height": 900})
            page.goto(path)
            assert "@" not in page.locator("main").inner_text()
            page.screenshot(path=SHOTS / f"public-{name}-{width}.png", full_page=True)
