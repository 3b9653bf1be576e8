"""Invoices: one action invoices every partner that owes a contribution, once, numbered without
gaps; each is a page and a PDF, goes to the contactpersoon, is paid once or credited."""

import io
import re
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from pypdf import PdfReader

from intranet import printable
from intranet.clock import today
from intranet.fees import invoicing
from intranet.fees.invoices import BillingAddress, Invoice
from intranet.fees.models import FeeRate
from intranet.fees.rules import PROJECTPLAN_RATES
from intranet.formats import euro, weekday_numbers
from intranet.models import OutboxMessage
from intranet.refusals import Refused
from intranet.schooljaar import schooljaar_of
from intranet.workflows import engine
from intranet.workflows.models import AuditEvent
from intranet.workflows.timers import tick
from tests.support import factories
from tests.support.invoice_support import network, payable, pdf_text


@pytest.fixture
def invoiced(app, leader):
    """The network of partners, invoiced for 2018: {name: organisation}."""
    made = network()
    with app.test_request_context():
        invoicing.create_invoices(2018, leader)
    return made


def test_one_action_invoices_every_partner_that_owes_a_contribution(app, leader):
    made = network()
    with app.test_request_context():
        ids = invoicing.create_invoices(2018, leader)
    invoices = list(Invoice.of_year(2018))
    assert [i.id for i in invoices] == ids
    assert [(i.number, i.billing_name, i.total) for i in invoices] == [
        ("LA-2018-0001", "Basisschool De Linde", Decimal("1000.00")),
        ("LA-2018-0002", "Gemeente Leiden", Decimal("10000.00")),
        ("LA-2018-0003", "Museum Boerhaave", Decimal("500.00")),
    ]  # MBO is PM and Jonge Uil gives in natura: no invoice
    school = invoices[0]
    assert school.description == "400 leerlingen × €\u00a02,50" and school.state == "open"
    assert "Postbus 1234" in school.billing_address and school.billing_reference == "PO-77"
    assert school.contact_email == f"{made['Basisschool De Linde'].id}@partner.example.org"
    assert school.due_on == today() + timedelta(days=app.config["INVOICE_PAYMENT_DAYS"])
    events = AuditEvent.select().where(AuditEvent.workflow == "factuur")
    assert sorted(e.case_id for e in events) == ids and {e.to_state for e in events} == {"open"}


def test_invoices_go_to_the_contactpersoon_through_the_outbox_with_tick(invoiced):
    mails = list(OutboxMessage.select().where(OutboxMessage.subject.contains("Factuur LA-2018")))
    assert len(mails) == 3 and {m.status for m in mails} == {"queued"}  # sent by tick
    school = Invoice.get(Invoice.number == "LA-2018-0001")
    mail = next(m for m in mails if m.to == school.contact_email)
    assert "€ 1.000,00" in mail.body and f"/bijdragen/facturen/{school.id}" in mail.body
    tick()
    assert {m.status for m in OutboxMessage.select()} == {"stored"}  # no MAIL_SERVER in tests


def test_running_it_again_creates_nothing_and_a_new_partner_gets_the_next_number(
    app, leader, make_organisation
):
    network()
    with app.test_request_context():
        first = invoicing.create_invoices(2018, leader)
        mails = OutboxMessage.select().count()
        assert invoicing.create_invoices(2018, leader) == []
        assert OutboxMessage.select().count() == mails
        payable(make_organisation(name="Aa Nieuwe School", sector="PO", pupil_count=10))
        (late,) = invoicing.create_invoices(2018, leader)
    assert Invoice.get_by_id(late).number == f"LA-2018-{len(first) + 1:04d}"
    assert Invoice.select().count() == len(first) + 1


def test_a_schooljaar_is_not_invoiced_before_its_obligations_start(leader, make_organisation):
    year = schooljaar_of() + 1
    FeeRate.set_year(year, PROJECTPLAN_RATES)
    make_organisation(sector="PO", pupil_count=100)
    with pytest.raises(Refused, match="gaan pas in op 01-08"):
        invoicing.create_invoices(year, leader)
    with pytest.raises(Refused, match="Stel eerst de tarieven"):
        invoicing.create_invoices(2019, leader)
    assert Invoice.select().count() == 0


def test_the_pdf_holds_address_contact_computation_and_payment_terms(
    app, client, login, leader, invoiced
):
    school = Invoice.get(Invoice.number == "LA-2018-0001")
    login(leader)
    response = client.get(f"/bijdragen/facturen/{school.id}.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    text = pdf_text(response.data)
    for expected in [
        "Factuur LA-2018-0001",
        "Basisschool De Linde",
        "Postbus 1234",
        "2300 AB Leiden",
        "PO-77",
        "400 leerlingen × € 2,50",
        "€ 1.000,00",
        "2018-2019 (1 oktober 2018 t/m 31 juli 2019)",
        f"vóór {weekday_numbers(school.due_on)}",  # with its weekday: people plan by it
        app.config["INVOICE_IBAN"],
    ]:
        assert expected in " ".join(text.split()), expected


def test_the_pdf_is_tagged_and_never_parts_the_euro_from_its_amount(app, client, login, leader):
    club = payable(factories.organisation(name="Leidse IJsclub", membership_type="basis"))
    network()
    with app.test_request_context():
        invoicing.create_invoices(2018, leader)
    invoice = Invoice.get(Invoice.billing_name == club.name)
    login(leader)
    data = client.get(f"/bijdragen/facturen/{invoice.id}.pdf").data
    reader = PdfReader(io.BytesIO(data))
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"] and root["/Lang"] == "nl"
    text = pdf_text(data)
    assert re.search(r"€\s150,00", text) and not re.search(r"€\s*\n", text)
    # A narrow column of amounts: each stays on the line of its sign.
    with app.test_request_context():
        line = f"<p style='width: 25mm'>Bijdrage {euro(150)} per jaar</p>"
        html = line * 9
        narrow = pdf_text(printable.to_pdf(f"<html lang='nl'><title>x</title>{html}</html>"))
    assert narrow.count("150,00") == 9 and not re.search(r"€\s*\n", narrow)


def _pay(client, invoice, day, **extra):
    data = {"paid_on": day.isoformat(), "bevestigd": "ja", **extra}
    return client.post(f"/bijdragen/facturen/{invoice.id}/betaald", data=data)


def test_marking_paid_records_the_date_and_is_audited(client, login, leader, invoiced):
    invoice = Invoice.get(Invoice.number == "LA-2018-0002")
    login(leader)
    assert _pay(client, invoice, today()).status_code == 303
    invoice = Invoice.get_by_id(invoice.id)
    assert (invoice.state, invoice.paid_on) == ("betaald", today())
    (event,) = AuditEvent.select().where(
        AuditEvent.case_id == invoice.id, AuditEvent.trigger == "betalen"
    )
    assert (event.from_state, event.to_state, event.actor_id) == ("open", "betaald", leader.id)


def test_marking_an_invoice_paid_twice_is_refused(client, login, leader, invoiced):
    invoice = Invoice.get(Invoice.number == "LA-2018-0001")
    login(leader)
    _pay(client, invoice, today(), expected_state="open")
    again = _pay(client, invoice, today() - timedelta(days=1), expected_state="open")
    assert again.status_code == 409 and "al afgehandeld" in again.text
    assert Invoice.get_by_id(invoice.id).paid_on == today()
    with pytest.raises(engine.AlreadyHandled):
        invoicing.mark_paid(invoice.id, leader, today())


@pytest.mark.parametrize(
    ("paid_on", "message"),
    [
        (None, "Vul de betaaldatum in"),
        ("2017-01-01", "niet voor de factuurdatum"),
        ("2999-01-01", "niet in de toekomst"),
        ("31-02-2019", "Vul de betaaldatum in"),
    ],
)
def test_a_bad_payment_date_is_refused_and_changes_nothing(
    client, login, leader, paid_on, message, invoiced
):
    invoice = Invoice.get(Invoice.number == "LA-2018-0001")
    login(leader)
    data = {} if paid_on is None else {"paid_on": paid_on}
    response = client.post(f"/bijdragen/facturen/{invoice.id}/betaald", data=data)
    assert response.status_code in (409, 422) and message in response.text
    assert Invoice.get_by_id(invoice.id).state == "open"


def test_crediting_needs_a_reason_and_is_final(client, login, leader, invoiced):
    invoice = Invoice.get(Invoice.number == "LA-2018-0003")
    login(leader)
    url = f"/bijdragen/facturen/{invoice.id}/crediteren"
    assert client.post(url, data={"reason": "  \x01 "}).status_code == 422
    confirming = client.post(url, data={"reason": "Dubbel gefactureerd"})
    assert confirming.status_code == 200 and "Ja, crediteren" in confirming.text
    assert Invoice.get_by_id(invoice.id).state == "open"  # asked, not done
    done = client.post(url, data={"reason": "Dubbel gefactureerd", "bevestigd": "ja"})
    assert done.status_code == 303
    assert Invoice.get_by_id(invoice.id).state == "gecrediteerd"
    assert _pay(client, invoice, today()).status_code == 409
    (event,) = AuditEvent.select().where(AuditEvent.trigger == "crediteren")
    assert event.comment == "Dubbel gefactureerd"


def test_an_invoice_still_open_after_the_settings_days_gets_one_reminder(app, leader, invoiced):
    paid = Invoice.get(Invoice.number == "LA-2018-0001")
    invoicing.mark_paid(paid.id, leader, today())
    later = datetime.now() + app.config["INVOICE_REMINDER_AFTER"] + timedelta(hours=1)
    tick(later - timedelta(days=2))
    assert not OutboxMessage.select().where(OutboxMessage.subject.startswith("Herinnering")).count()
    tick(later)
    tick(later + timedelta(days=1))
    reminders = list(OutboxMessage.select().where(OutboxMessage.subject.startswith("Herinnering")))
    assert sorted(m.subject for m in reminders) == [
        "Herinnering factuur LA-2018-0002",
        "Herinnering factuur LA-2018-0003",
    ]
    assert Invoice.get(Invoice.number == "LA-2018-0002").reminded_on == later.date()


def test_the_contactpersoon_sees_only_their_organisations_invoices(
    client, login, make_user, invoiced
):
    own, other = Invoice.of_year(2018)[:2]
    contact = make_user(organisation=invoiced["Basisschool De Linde"])
    login(contact)
    assert client.get(f"/bijdragen/facturen/{own.id}").status_code == 200
    assert client.get(f"/bijdragen/facturen/{own.id}.pdf").status_code == 200
    assert client.get(f"/bijdragen/facturen/{other.id}").status_code == 403
    assert client.get(f"/bijdragen/facturen/{other.id}.pdf").status_code == 403
    assert client.get("/bijdragen/facturen/999999").status_code == 404
    listed = client.get("/bijdragen/facturen").text
    assert own.number in listed and other.number not in listed
    assert client.get("/bijdragen/2018/facturen").status_code == 403
    assert _pay(client, own, today()).status_code == 403


def test_the_projectleider_makes_the_invoices_with_one_button(client, login, leader):
    network()
    login(leader)
    page = client.get("/bijdragen/2018/facturen").text
    assert "3 partners krijgen nu een factuur, samen €\u00a011.500,00" in page
    assert "Leidse Instrumentenmakersschool: tarief PM" in page
    asked = client.post("/bijdragen/2018/facturen")
    assert asked.status_code == 200 and Invoice.select().count() == 0
    plan = asked.text.split('name="plan" value="')[1].split('"')[0]
    response = client.post("/bijdragen/2018/facturen", data={"plan": plan, "bevestigd": "ja"})
    assert response.status_code == 303 and Invoice.select().count() == 3
    again = client.post(
        "/bijdragen/2018/facturen", data={"plan": plan, "bevestigd": "ja"}, follow_redirects=True
    )
    assert "Al afgehandeld" in again.text and Invoice.select().count() == 3
    future = client.post(f"/bijdragen/{schooljaar_of() + 1}/facturen")
    assert future.status_code == 409 and "gaan pas in op" in future.text


def test_the_bookkeepers_csv_neutralises_spreadsheet_formulas(
    app, client, login, leader, make_organisation
):
    FeeRate.set_year(2018, PROJECTPLAN_RATES)
    payable(
        make_organisation(name='=HYPERLINK("http://x.example","klik")', sector="PO", pupil_count=4)
    )
    with app.test_request_context():
        invoicing.create_invoices(2018, leader)
    login(leader)
    response = client.get("/bijdragen/2018/facturen.csv")
    assert response.mimetype == "text/csv"
    text = response.data.decode("utf-8-sig")
    assert "'=HYPERLINK" in text and ";10,00;Open;" in text
    assert text.splitlines()[0].startswith("Factuurnummer;Factuurdatum")


def test_amounts_are_decimal_and_rounded_to_cents_once(app, leader, make_organisation):
    FeeRate.set_year(2018, {**PROJECTPLAN_RATES, "VSE": ("per_kindplaats", Decimal("1.50"))})
    payable(make_organisation(sector="VSE", pupil_count=433))  # 649,50 exactly
    with app.test_request_context():
        invoicing.create_invoices(2018, leader)
    (invoice,) = Invoice.of_year(2018)
    assert invoice.total == Decimal("649.50") and invoice.unit_rate == Decimal("1.50")
    assert invoice.issued_on == today() and invoice.paid_on is None
    assert date(2018, 10, 1) <= invoice.issued_on


def test_a_contactpersoon_keeps_the_billing_address_and_issued_invoices_keep_theirs(
    client, login, make_user, invoiced
):
    school = invoiced["Basisschool De Linde"]
    login(make_user(organisation=school))
    url = f"/bijdragen/factuuradres/{school.id}"
    empty = client.post(url, data={"address": " \x07 ", "reference": ""})
    assert empty.status_code == 422 and "Vul het factuuradres in" in empty.text
    saved = client.post(url, data={"address": "Postbus 9\r\n2300 ZZ Leiden", "reference": "X"})
    assert saved.status_code == 303
    assert BillingAddress.of(school).address == "Postbus 9\n2300 ZZ Leiden"
    assert "Postbus 1234" in Invoice.get(Invoice.organisation == school).billing_address
    other = invoiced["Gemeente Leiden"]
    assert client.get(f"/bijdragen/factuuradres/{other.id}").status_code == 403


def test_a_credited_invoice_is_replaced_by_the_next_run_with_the_next_number(app, leader):
    made = network()
    with app.test_request_context():
        invoicing.create_invoices(2018, leader)
        wrong = Invoice.get(Invoice.number == "LA-2018-0001")
        invoicing.credit(wrong.id, leader, "Verkeerd aantal leerlingen")
        school = made["Basisschool De Linde"]
        school.pupil_count = 380
        school.save()
        (replacement,) = invoicing.create_invoices(2018, leader)
        assert invoicing.create_invoices(2018, leader) == []
    replacement = Invoice.get_by_id(replacement)
    # LA-2018-0004 is the credit note: the same series
    assert Invoice.get(Invoice.credit_of == wrong.id).number == "LA-2018-0004"
    assert (replacement.number, replacement.total) == ("LA-2018-0005", Decimal("950.00"))
    assert Invoice.get_by_id(wrong.id).state == "gecrediteerd"
