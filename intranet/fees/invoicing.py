"""Making a schooljaar's invoices in one action, and recording payments and credits.

Numbering is without gaps: the year's counter row is locked for the whole transaction, so
two people pressing the button at once get one run after the other, and the second finds
every partner invoiced already. The work is done in bulk: a few statements per 200 invoices.
"""

import hashlib
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal
from types import SimpleNamespace

from flask import current_app

from intranet import mail
from intranet.clock import now, today
from intranet.db import write_transaction
from intranet.fees import invoice_workflow
from intranet.fees.compute import fee_payers, overview
from intranet.fees.export import dutch_number
from intranet.fees.invoices import (
    Invoice,
    InvoiceCounter,
    billing_addresses,
    invoice_contacts,
    invoice_number,
)
from intranet.fees.models import FeeRate, schooljaar_bounds
from intranet.formats import day_numbers, euro
from intranet.models import Organisation, OutboxMessage
from intranet.refusals import Refused
from intranet.schooljaar import schooljaar_label
from intranet.workflows import engine

NOT_STARTED = "De verplichtingen van schooljaar {} gaan pas in op {}."
NO_RATES = "Stel eerst de tarieven van {} vast."


NO_CONTACT = "geen contactpersoon of achtervang om de factuur aan te sturen"
NO_ADDRESS = "geen factuuradres"
NO_AMOUNT = "geen bedrag verschuldigd"


@dataclass
class Due:
    """A partner that gets an invoice now: its contribution, contact and billing address."""

    item: object  # the Contribution
    contact: object  # the User the e-mail goes to
    billing: object  # the BillingAddress

    @property
    def organisation(self):
        """The partner."""
        return self.item.organisation

    @property
    def amount(self):
        """What the invoice will say."""
        return self.item.amount


@dataclass
class Plan:
    """Who gets an invoice now, who already has one, and who gets none (with the reason)."""

    year: int
    due: list = field(default_factory=list)  # Due
    invoiced: int = 0
    without: list = field(default_factory=list)  # (Contribution, reason)

    @property
    def total(self):
        """The sum of the invoices one run would make."""
        return sum((d.amount for d in self.due), Decimal("0.00"))

    @property
    def fingerprint(self):
        """What the run would make, in short: a confirmation is for this plan only."""
        made = ",".join(f"{d.organisation.id}:{d.amount}" for d in self.due)
        return hashlib.sha256(made.encode()).hexdigest()[:16]


def plan(year):
    """What one run would do now, without doing it (a constant number of queries)."""
    done = Invoice.invoiced_organisations(year)
    result = Plan(year, invoiced=len(done))
    payers = fee_payers(year).select(Organisation.id)
    billing, contacts = billing_addresses(payers), invoice_contacts(payers)
    for item in overview(year).contributions:
        organisation = item.organisation.id
        if organisation in done:
            continue
        if item.amount is None:
            result.without.append((item, item.problem))
        elif item.amount <= 0:
            result.without.append((item, NO_AMOUNT))
        elif organisation not in contacts:
            result.without.append((item, NO_CONTACT))
        elif organisation not in billing:
            result.without.append((item, NO_ADDRESS))
        else:
            result.due.append(Due(item, contacts[organisation], billing[organisation]))
    return result


def refusal(year):
    """Why no invoices can be made for the schooljaar today, or None."""
    first, _ = schooljaar_bounds(year)
    if today() < first:
        return NOT_STARTED.format(schooljaar_label(year), day_numbers(first))
    if not FeeRate.for_year(year):
        return NO_RATES.format(schooljaar_label(year))
    return None


def computation(item):
    """The computation in words: 400 leerlingen × € 2,50, or the agreement or membership."""
    if item.count is not None and item.rate is not None and item.rate.per_head:
        unit = "kindplaatsen" if item.rate.basis == "per_kindplaats" else "leerlingen"
        return f"{item.count} {unit} × {euro(item.rate.price)}"
    if item.kind == "afspraak":
        return "Afgesproken bijdrage" + (f" ({item.note})" if item.note else "")
    return f"{item.kind_label}, vast bedrag"


def _row(due, year, sequence, issued_on, due_on):
    item, billing, contact = due.item, due.billing, due.contact
    organisation = item.organisation
    rate = item.rate.price if item.rate is not None and item.rate.per_head else None
    return {
        "schooljaar": year,
        "sequence": sequence,
        "number": invoice_number(year, sequence),
        "organisation": organisation.id,
        "kind": item.kind,
        "description": computation(item)[:255],
        "count": item.count if rate is not None else None,
        "rate": rate,
        "amount": item.amount,
        "billing_name": organisation.name,
        "billing_address": billing.address,
        "billing_reference": billing.reference,
        "contact_name": contact.name,
        "contact_email": contact.email,
        "issued_on": issued_on,
        "due_on": due_on,
        "created_at": now(),
    }


def create_invoices(year, actor, fingerprint=None):
    """Invoice every partner that owes a contribution, has a contact and a billing address,
    and has no invoice for the year yet; the e-mails (with the PDF) leave with tick.

    `fingerprint`: the plan the projectleider confirmed; if the plan changed since, nothing
    is made (409). Returns the new invoices' ids (empty when everyone was invoiced already).
    """
    refused = refusal(year)
    if refused:
        raise Refused(refused, 409)
    config = current_app.config
    with write_transaction():
        counter = InvoiceCounter.lock(year)
        planned = plan(year)
        if not planned.due:
            return []
        if fingerprint is not None and fingerprint != planned.fingerprint:
            raise Refused(CHANGED, 409)
        issued_on = today()
        due_on = issued_on + timedelta(days=config["INVOICE_PAYMENT_DAYS"])
        rows = [
            _row(due, year, counter.last + offset, issued_on, due_on)
            for offset, due in enumerate(planned.due, start=1)
        ]
        ids = engine.create_cases(
            invoice_workflow.WORKFLOW, actor, rows, comment=f"Facturen {schooljaar_label(year)}"
        )
        InvoiceCounter.update(last=counter.last + len(rows)).where(
            InvoiceCounter.schooljaar == year
        ).execute()
        remind_at = invoice_workflow.reminder_due(now())
        engine.schedule_many(
            invoice_workflow.WORKFLOW, [(case_id, "herinneren", remind_at) for case_id in ids]
        )
        mail.queue_many(_messages(ids, rows))
    return ids


CHANGED = (
    "Het overzicht is veranderd sinds u het bekeek (een partner, bedrag of adres); er is "
    "niets gemaakt. Bekijk het opnieuw en bevestig dan."
)


def message(row, case_id=None):
    """The invoice e-mail for an invoice row: (to, subject, template, context, extras)."""
    config = current_app.config
    url = (
        mail.external_url("fees.invoice", invoice_id=case_id)
        if case_id
        else "(de link naar deze factuur)"
    )
    kind = "factuur"
    return (
        row["contact_email"],
        f"Factuur {row['number']} abonnementsgeld De Leidse Aanpak",
        "invoice",
        {
            "invoice": SimpleNamespace(**row),
            "label": schooljaar_label(row["schooljaar"]),
            "amount": dutch_number(row["amount"]),
            "url": url,
            "filename": f"{kind}-{row['number']}.pdf",
            "ask": config["INVOICE_CONTACT"],
            "reply_to": config["INVOICE_REPLY_TO"],
        },
        {"attachment": f"{kind}:{case_id}"},
    )


def _messages(ids, rows):
    """One e-mail per invoice to the partner's contact, with its PDF, left for tick."""
    for case_id, row in zip(ids, rows, strict=True):
        yield message(row, case_id)


def preview(planned):
    """The first e-mail of a run as it will read: (subject, body), or None."""
    if not planned.due:
        return None
    config = current_app.config
    issued_on = today()
    due_on = issued_on + timedelta(days=config["INVOICE_PAYMENT_DAYS"])
    row = _row(planned.due[0], planned.year, 0, issued_on, due_on)
    row["number"] = invoice_number(planned.year, InvoiceCounter.last_of(planned.year) + 1)
    _to, subject, template, context, _extras = message(row)
    return subject, mail.render(template, **context)


def unsent(invoice):
    """True while the invoice's e-mail waits in the outbox."""
    return (
        OutboxMessage.select()
        .where(
            OutboxMessage.attachment == invoice_workflow.attachment(invoice),
            OutboxMessage.kind == "invoice",
            OutboxMessage.status == "queued",
        )
        .exists()
    )


def mark_paid(invoice_id, actor, paid_on, expected_state=None):
    """Record that an open invoice was paid on a date; paying twice is refused."""
    return engine.fire(
        invoice_workflow.WORKFLOW,
        invoice_id,
        "betalen",
        actor,
        expected_state=expected_state,
        data={"paid_on": paid_on},
    )


def credit(invoice_id, actor, reason, expected_state=None):
    """Credit an open invoice, with the reason."""
    return engine.fire(
        invoice_workflow.WORKFLOW,
        invoice_id,
        "crediteren",
        actor,
        expected_state=expected_state,
        comment=reason,
    )
