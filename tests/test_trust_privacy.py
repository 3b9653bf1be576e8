"""Privacy as an insider tries it (issue 24): the export and the outbox never hand over a live
link, also when the site lives under a path (BASE_URL https://host/intranet); anonymising a
person leaves no pending address change (its link dies), no address in its audit comment or
outbox rows, and no name on their invoices."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest

from intranet.clock import today
from intranet.fees.invoices import Invoice, invoice_number
from intranet.models import OutboxMessage, User
from intranet.people.models import AddressChange
from intranet.schooljaar import schooljaar_of
from intranet.workflows.models import AuditEvent
from tests.support import factories
from tests.support.logins import client_as

LIVE = re.compile(r"https?://\S+/(wachtwoord-herstellen|leden/adres|bevestigen)/\S+")


@pytest.mark.parametrize("base_url", ["http://localhost", "https://x.example/intranet"])
def test_the_export_and_the_outbox_show_no_live_link(app, make_user, base_url):
    app.config["BASE_URL"] = base_url
    voorzitter = make_user("regiegroep", voorzitter=True)
    leader = make_user("projectleider")
    app.test_client().post("/wachtwoord-vergeten", data={"email": voorzitter.email})
    OutboxMessage.update(status="queued").execute()  # not yet delivered: the body is whole
    (queued,) = OutboxMessage.select().where(OutboxMessage.to == voorzitter.email)
    assert LIVE.search(queued.body) and base_url in queued.body  # the mail itself has it
    client = client_as(app, leader)
    export = client.post(f"/beheer/personen/{voorzitter.id}/export").get_data(as_text=True)
    shown = client.get(f"/beheer/outbox/{queued.id}").get_data(as_text=True)
    listed = client.get(f"/beheer/outbox?zoek={voorzitter.email}").get_data(as_text=True)
    for text in (export, shown, listed):
        assert not LIVE.search(text) and "/wachtwoord-herstellen/" not in text
    assert "persoonlijke link, alleen verstuurd aan" in export
    assert "persoonlijke link, alleen verstuurd aan" in shown


def test_anonymising_ends_the_pending_address_change_and_every_trace_of_it(app, make_user):
    leader = make_user("projectleider")
    person = make_user("projectgroep", name="Petra Privé")
    organisation = factories.organisation()
    year = schooljaar_of()
    invoice = Invoice.create(
        schooljaar=year, sequence=1, number=invoice_number(year, 1), organisation=organisation,
        kind="uitgebreid", description="Vast bedrag", amount=Decimal("500.00"),
        billing_name=organisation.name, contact_name=person.name, contact_email=person.email,
        issued_on=today(), due_on=today() + timedelta(days=30),
    )  # fmt: skip
    client = client_as(app, leader)
    pending = "petra.nieuw@example.org"
    answer = client.post(f"/leden/accounts/{person.id}/adres", data={"email": pending})
    assert answer.status_code == 303
    (mail,) = OutboxMessage.select().where(OutboxMessage.to == pending)
    link = re.sub(r"^https?://[^/]+", "", LIVE.search(mail.body).group())
    answer = client.post(f"/beheer/personen/{person.id}/anonimiseren", data={"bevestig": "ja"})
    assert answer.status_code in (302, 303)
    # the pending link is dead and puts no address on the anonymised account
    used = app.test_client().post(link)
    assert used.status_code == 400
    anonymised = User.get_by_id(person.id)
    assert anonymised.email.endswith("@example.invalid")
    assert not AddressChange.select().where(AddressChange.user == person.id).exists()
    for text in (
        *(e.comment + str(e.data) for e in AuditEvent.select()),
        *(m.to + m.body for m in OutboxMessage.select()),
    ):
        assert pending not in text and "Petra Privé" not in text
    invoice = Invoice.get_by_id(invoice.id)
    assert (invoice.contact_name, invoice.contact_email) == (
        anonymised.name,
        anonymised.email,
    )
    assert invoice.billing_name == organisation.name  # the fiscal record stays
    statement = app.test_client().get("/privacy").get_data(as_text=True)
    assert "fiscale bewaarplicht" in statement
