"""Newsletters per werkveld: exactly the right recipients (with why), HTML and text through
a real SMTP server, one-click unsubscribe (RFC 8058), hard bounces, the public archive."""

from email import message_from_bytes, policy
from urllib.parse import urlsplit

import pytest

from intranet.mail_delivery import deliver_queued
from intranet.models import Contact, MailAddress, Professional
from intranet.newsletters import schedule
from intranet.newsletters.models import Newsletter
from intranet.newsletters.recipients import recipients
from intranet.professionals.models import NewsletterSubscription


@pytest.fixture
def world(make_user, make_organisation):
    """A PO school, a VO school, a basis and an uitgebreid member, a PO and a VO
    professional."""
    po = make_organisation(name="Basisschool De Regenboog", sector="PO")
    vo = make_organisation(name="Stedelijk Gymnasium", sector="VO")
    basis = make_organisation(name="Stadslab", sector="bedrijf", membership_type="basis")
    museum = make_organisation(name="Museum", sector="cultuur", membership_type="uitgebreid")
    gone = make_organisation(name="Oud-partner", sector="PO", status="oud-partner")
    people = {
        "po": make_user(organisation=po, email="contact@regenboog.example.org"),
        "vo": make_user(organisation=vo, email="contact@gymnasium.example.org"),
        "basis": make_user(organisation=basis, email="contact@stadslab.example.org"),
        "uitgebreid": make_user(organisation=museum, email="contact@museum.example.org"),
        "oud": make_user(organisation=gone, email="contact@oud.example.org"),
        "juf": make_user(email="juf@regenboog.example.org"),
        "leraar": make_user(email="leraar@gymnasium.example.org"),
    }
    Professional.create(user=people["juf"], organisation=po)
    Professional.create(user=people["leraar"], organisation=vo)
    NewsletterSubscription.create(user=people["juf"], werkveld="PO")
    NewsletterSubscription.create(user=people["leraar"], werkveld="VO")
    return people


def _compose(client, werkvelden=("PO",), subject="Nieuwsbrief PO, december"):
    data = {"subject": subject, "introduction": "Beste lezer,\n\nHet jaar loopt ten einde.",
            "werkvelden": list(werkvelden)}  # fmt: skip
    assert client.post("/nieuwsbrieven/nieuw", data=data).status_code == 303
    return Newsletter.select().order_by(Newsletter.id.desc()).first()


def _send(client, newsletter):
    return client.post(f"/nieuwsbrieven/{newsletter.id}/versturen", data={"bevestig": "ja"})


def _received(smtp):
    return {
        envelope.rcpt_tos[0]: message_from_bytes(envelope.original_content, policy=policy.default)
        for envelope in smtp.messages
    }


PO_RECIPIENTS = {
    "contact@regenboog.example.org",
    "contact@stadslab.example.org",
    "contact@museum.example.org",
    "juf@regenboog.example.org",
}


def test_the_po_newsletter_reaches_exactly_the_po_people_each_with_why(world):
    found = {email: reason for email, _name, reason in recipients(["PO"])}
    assert set(found) == PO_RECIPIENTS
    assert "basislid" in found["contact@stadslab.example.org"]
    assert "uitgebreid lid" in found["contact@museum.example.org"]  # basis and more
    assert "koos de nieuwsbrief" in found["juf@regenboog.example.org"]


def test_sent_as_html_and_text_with_one_click_unsubscribe_then_no_more(
    client, app, world, leader_logged_in, smtp
):
    newsletter = _compose(client)
    page = client.get(f"/nieuwsbrieven/{newsletter.id}").get_data(as_text=True)
    assert all(email in page for email in PO_RECIPIENTS)
    assert "contact@gymnasium.example.org" not in page
    assert client.post(f"/nieuwsbrieven/{newsletter.id}/versturen").status_code == 422  # unticked
    assert _send(client, newsletter).status_code == 303
    deliver_queued()
    received = _received(smtp)
    assert set(received) == PO_RECIPIENTS
    email = received["juf@regenboog.example.org"]
    assert email.get_body(("html",)) is not None and email.get_body(("plain",)) is not None
    assert email["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    url = email["List-Unsubscribe"].strip().strip("<>")
    app.config["WTF_CSRF_ENABLED"] = True  # the mail program's POST carries no token
    one_click = app.test_client().post(urlsplit(url).path, data={"List-Unsubscribe": "One-Click"})
    assert one_click.status_code == 200
    app.config["WTF_CSRF_ENABLED"] = False  # the projectleider's test client again
    assert _send(client, newsletter).status_code == 409  # sent already
    smtp.messages.clear()
    _send(client, _compose(client, subject="Nieuwsbrief PO, januari"))
    deliver_queued()
    assert set(_received(smtp)) == PO_RECIPIENTS - {"juf@regenboog.example.org"}


def test_a_hard_bounce_stops_newsletters_until_corrected(
    client, world, leader_logged_in, smtp, make_user
):
    smtp.refuse["weg@example.org"] = "550 5.1.1 onbekende ontvanger"
    gone = make_user(email="weg@example.org")
    NewsletterSubscription.create(user=gone, werkveld="PO")
    _send(client, _compose(client))
    deliver_queued()
    address = MailAddress.get(MailAddress.email == "weg@example.org")
    assert address.bounced_at is not None and "550" in address.bounce_error
    assert "weg@example.org" not in {email for email, *_ in recipients(["PO"])}
    assert client.post(f"/nieuwsbrieven/adressen/{address.id}/herstellen").status_code == 303
    assert "weg@example.org" in {email for email, *_ in recipients(["PO"])}


def test_a_newsletter_without_recipients_cannot_be_sent(client, leader_logged_in):
    newsletter = _compose(client, werkvelden=("WO",))
    assert _send(client, newsletter).status_code == 422
    assert Newsletter.get_by_id(newsletter.id).state == "concept"


def test_the_archive_is_public_and_leaks_no_address(client, app, world, leader_logged_in, smtp):
    newsletter = _compose(client)
    public = app.test_client()
    assert public.get(f"/nieuwsbrieven/archief/{newsletter.id}").status_code == 404  # concept
    _send(client, newsletter)
    page = public.get(f"/nieuwsbrieven/archief/{newsletter.id}").get_data(as_text=True)
    assert "Het jaar loopt ten einde." in page and "@" not in page.split("<main")[1]
    assert "Nieuwsbrief PO, december" in public.get("/nieuwsbrieven/archief").get_data(as_text=True)


def test_an_unknown_unsubscribe_link_says_so(client):
    assert client.post("/nieuwsbrief/afmelden/verzonnen").status_code == 400


def test_a_test_mail_goes_to_the_projectleider_only(client, world, leader_logged_in, smtp):
    newsletter = _compose(client)
    assert client.post(f"/nieuwsbrieven/{newsletter.id}/test").status_code == 303
    deliver_queued()
    assert set(_received(smtp)) == {leader_logged_in.email}
    assert Newsletter.get_by_id(newsletter.id).state == "concept"
    assert Contact.select().count() == 5  # the world's, none added


def test_the_schedule_counts_newsletters_per_werkveld_this_schooljaar(
    client, world, leader_logged_in
):
    for month in ("december", "januari"):
        _send(client, _compose(client, werkvelden=("PO", "VO"), subject=f"Nieuwsbrief {month}"))
    counts = dict(schedule.this_schooljaar()["rows"])
    assert counts["Primair onderwijs"] == counts["Voortgezet onderwijs"] == 2
    assert counts["Hogeschool"] == 0


def test_choosing_newsletters_again_undoes_an_unsubscribe(client, world, login):
    MailAddress.unsubscribe("juf@regenboog.example.org")
    assert "juf@regenboog.example.org" not in {email for email, *_ in recipients(["PO"])}
    login(world["juf"])
    client.post("/mijn-profiel", data={"werkvelden": ["PO"]})
    assert "juf@regenboog.example.org" in {email for email, *_ in recipients(["PO"])}
