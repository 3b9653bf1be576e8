"""Invoicing asks first and sends what a bookkeeper can use: a confirmation that lists who
gets none and why, the PDF attached to a real SMTP message with a Reply-To that reaches a
person, credit notes in the same series, and no payment request for what was paid."""

from email import message_from_bytes, policy
from io import BytesIO

import pytest
from pypdf import PdfReader

from intranet.clock import today
from intranet.fees import invoicing
from intranet.fees.invoices import Invoice
from intranet.fees.pdf import invoice_pdf
from intranet.mail_delivery import deliver_queued
from intranet.models import OutboxMessage
from intranet.workflows.models import AuditEvent
from intranet.workflows.timers import tick
from tests.support import factories
from tests.support.invoice_support import network, pdf_text
from tests.support.smtp_server import Recorder, smtp_server


def _excluded():
    """Partners that owe money but cannot be sent an invoice (no contact, no address)."""
    lonely = factories.organisation(name="Stadslab", sector="bedrijf", membership_type="basis")
    from intranet.fees.invoices import BillingAddress

    BillingAddress.set(lonely, "Postbus 5\n2300 AA Leiden", "")
    homeless = factories.organisation(name="Technolab", sector="cultuur", membership_type="basis")
    factories.person(organisation=homeless, email="technolab@partner.example.org")
    return lonely, homeless


def _plan_of(page):
    return page.split('name="plan" value="')[1].split('"')[0]


def test_invoicing_first_shows_what_it_will_do_and_who_gets_none_and_why(client, login, leader):
    network()
    _excluded()
    login(leader)
    asked = client.post("/bijdragen/2018/facturen")
    page = " ".join(asked.text.split())
    assert asked.status_code == 200 and Invoice.select().count() == 0
    assert OutboxMessage.select().count() == 0
    assert "3 facturen, samen € 11.500,00" in page
    for name in ("Basisschool De Linde", "Gemeente Leiden", "Museum Boerhaave"):
        assert name in page
    assert "Leidse Instrumentenmakersschool: tarief PM (nog niet vastgesteld)" in page
    assert "Stichting Jonge Uil: bijdrage in natura" in page
    assert f"Stadslab: {invoicing.NO_CONTACT}" in page
    assert f"Technolab: {invoicing.NO_ADDRESS}" in page
    # The message as the first partner will read it, with the attachment named.
    assert "Factuur LA-2018-0001 abonnementsgeld De Leidse Aanpak" in page
    assert "factuur-LA-2018-0001.pdf" in page and "administratie@" in page
    # With htmx only the section comes back, to take the button's place.
    fragment = client.post("/bijdragen/2018/facturen", headers={"HX-Request": "true"})
    assert fragment.status_code == 200 and "<html" not in fragment.text
    assert 'id="facturen-maken"' in fragment.text
    # "Terug" makes nothing; "Ja" makes the three, and no invoice for the excluded ones.
    back = client.post("/bijdragen/2018/facturen", data={"bevestigd": "nee"})
    assert back.status_code == 303 and Invoice.select().count() == 0
    done = client.post("/bijdragen/2018/facturen", data={"plan": _plan_of(page), "bevestigd": "ja"})
    assert done.status_code == 303
    assert [i.billing_name for i in Invoice.of_year(2018)] == [
        "Basisschool De Linde",
        "Gemeente Leiden",
        "Museum Boerhaave",
    ]


def test_a_confirmation_of_a_plan_that_changed_since_makes_nothing(client, login, leader):
    made = network()
    login(leader)
    plan = _plan_of(client.post("/bijdragen/2018/facturen").text)
    school = made["Basisschool De Linde"]
    school.pupil_count = 500
    school.save()
    stale = client.post("/bijdragen/2018/facturen", data={"plan": plan, "bevestigd": "ja"})
    assert stale.status_code == 409 and "veranderd" in stale.text
    assert Invoice.select().count() == 0


def test_the_invoice_arrives_with_its_pdf_and_a_reply_to_that_reaches_a_person(app, leader):
    network()
    recorder = Recorder()
    with app.test_request_context():
        invoicing.create_invoices(2018, leader)
    with smtp_server(recorder) as config:
        app.config.update(config)
        counts = deliver_queued()
    assert counts["sent"] == 3
    email = next(
        message_from_bytes(e.original_content, policy=policy.default)
        for e in recorder.messages
        if "LA-2018-0001" in message_from_bytes(e.original_content)["Subject"]
    )
    assert email["From"].addresses[0].addr_spec == app.config["MAIL_FROM"]
    assert email["Reply-To"] == app.config["INVOICE_REPLY_TO"]
    body = email.get_body(("plain",)).get_content()
    assert "in de bijlage" in body and app.config["INVOICE_CONTACT"] in body
    assert "antwoord dan op deze e-mail" not in body
    (attached,) = list(email.iter_attachments())
    assert attached.get_content_type() == "application/pdf"
    assert attached.get_filename() == "factuur-LA-2018-0001.pdf"
    data = attached.get_content()
    text = " ".join(
        page.extract_text() for page in PdfReader(BytesIO(data)).pages
    )  # readable by pypdf
    assert "Factuur LA-2018-0001" in text and "Basisschool De Linde" in text
    assert "Samenwerkingsverband Passend Onderwijs VO" in text  # the issuer setting
    assert "Wij verzoeken u" in " ".join(text.split())


def test_crediting_makes_a_credit_note_in_the_same_series(app, client, login, leader):
    network()
    with app.test_request_context():
        invoicing.create_invoices(2018, leader)
    invoice = Invoice.get(Invoice.number == "LA-2018-0002")
    login(leader)
    url = f"/bijdragen/facturen/{invoice.id}/crediteren"
    asked = client.post(url, data={"reason": "Afspraak gewijzigd", "expected_state": "open"})
    assert asked.status_code == 200 and "Ja, crediteren" in asked.text
    assert "€\u00a0-10.000,00" in asked.text or "-€\u00a010.000,00" in asked.text
    done = client.post(
        url, data={"reason": "Afspraak gewijzigd", "expected_state": "open", "bevestigd": "ja"}
    )
    assert done.status_code == 303
    note = Invoice.get(Invoice.credit_of == invoice.id)
    assert (note.number, note.state, str(note.total)) == ("LA-2018-0004", "creditnota", "-10000.00")
    assert Invoice.get_by_id(invoice.id).state == "gecrediteerd"
    # The next invoice of the year takes the number after the credit note.
    assert invoicing.InvoiceCounter.last_of(2018) == 4
    with app.test_request_context():
        note_text = " ".join(pdf_text(invoice_pdf(note)).split())
        credited_text = " ".join(pdf_text(invoice_pdf(Invoice.get_by_id(invoice.id))).split())
    assert "Creditnota LA-2018-0004" in note_text and "LA-2018-0002" in note_text
    assert "-10.000,00" in note_text and "Wij verzoeken u" not in note_text
    assert "gecrediteerd met creditnota LA-2018-0004" in credited_text
    assert "Wij verzoeken u" not in credited_text and "Vervaldatum" not in credited_text
    (mail,) = OutboxMessage.select().where(OutboxMessage.kind == "credit_note")
    assert mail.attachment == f"factuur:{note.id}" and "LA-2018-0004" in mail.subject
    # The credited invoice's own e-mail had not left: it is withdrawn, on the timeline.
    assert not OutboxMessage.select().where(OutboxMessage.attachment == f"factuur:{invoice.id}")
    assert AuditEvent.select().where(AuditEvent.trigger == "niet_verstuurd").count() == 1
    page = client.get(f"/bijdragen/facturen/{note.id}").text
    assert "Creditnota LA-2018-0004" in page
    listing = client.get("/bijdragen/2018/facturen").text
    assert "Creditnota: 1" in listing


def test_an_invoice_paid_before_tick_sent_it_is_not_sent_as_a_payment_request(
    app, client, login, leader
):
    network()
    with app.test_request_context():
        invoicing.create_invoices(2018, leader)
    paid = Invoice.get(Invoice.number == "LA-2018-0001")
    login(leader)
    url = f"/bijdragen/facturen/{paid.id}/betaald"
    asked = client.post(url, data={"paid_on": today().isoformat()})
    assert asked.status_code == 200 and "nog niet verstuurd" in asked.text
    assert Invoice.get_by_id(paid.id).state == "open"
    client.post(url, data={"paid_on": today().isoformat(), "bevestigd": "ja"})
    assert Invoice.get_by_id(paid.id).state == "betaald"
    tick()
    sent = [m.subject for m in OutboxMessage.select().where(OutboxMessage.kind == "invoice")]
    assert sorted(sent) == [
        "Factuur LA-2018-0002 abonnementsgeld De Leidse Aanpak",
        "Factuur LA-2018-0003 abonnementsgeld De Leidse Aanpak",
    ]
    (event,) = AuditEvent.select().where(
        AuditEvent.case_id == paid.id, AuditEvent.trigger == "niet_verstuurd"
    )
    assert "al betaald" in event.comment
    with app.test_request_context():
        text = " ".join(pdf_text(invoice_pdf(Invoice.get_by_id(paid.id))).split())
    assert "Deze factuur is betaald" in text and "Wij verzoeken u" not in text


@pytest.mark.parametrize("htmx", [False, True])
def test_crediting_without_a_reason_shows_the_invoice_again_with_the_message_at_the_field(
    app, client, login, leader, htmx
):
    network()
    with app.test_request_context():
        invoicing.create_invoices(2018, leader)
    invoice = Invoice.get(Invoice.number == "LA-2018-0003")
    login(leader)
    headers = {"HX-Request": "true"} if htmx else {}
    response = client.post(
        f"/bijdragen/facturen/{invoice.id}/crediteren",
        data={"reason": "  ", "expected_state": "open"},
        headers=headers,
    )
    assert response.status_code == 422
    assert "Vul de reden in." in response.text and 'id="invoice-actions"' in response.text
    assert 'aria-invalid="true"' in response.text
    assert ("<html" in response.text) is not htmx  # htmx: the section only, else the page
    if not htmx:
        assert "Factuur LA-2018-0003" in response.text
    # A bad date keeps what was typed, at its field.
    typed = client.post(
        f"/bijdragen/facturen/{invoice.id}/betaald",
        data={"paid_on": "31-02-2019", "expected_state": "open"},
        headers=headers,
    )
    assert typed.status_code == 422 and 'value="31-02-2019"' in typed.text
    assert Invoice.get_by_id(invoice.id).state == "open"
