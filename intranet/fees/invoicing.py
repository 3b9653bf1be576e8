"""Making a schooljaar's invoices in one action, and recording payments and credits.

Numbering is without gaps: the year's counter row is locked for the whole transaction, so
two people pressing the button at once get one run after the other, and the second finds
every partner invoiced already. The work is done in bulk: a few statements per 200 invoices.
"""

from dataclasses import dataclass, field
from datetime import timedelta

from flask import current_app

from intranet import mail
from intranet.clock import now, today
from intranet.db import write_transaction
from intranet.fees import invoice_workflow
from intranet.fees.compute import overview
from intranet.fees.export import dutch_number
from intranet.fees.invoices import (
    Invoice,
    InvoiceCounter,
    billing_addresses,
    invoice_contacts,
    invoice_number,
)
from intranet.fees.models import FeeRate, schooljaar_bounds
from intranet.formats import day_numbers
from intranet.refusals import Refused
from intranet.schooljaar import schooljaar_label
from intranet.workflows import engine

NOT_STARTED = "De verplichtingen van schooljaar {} gaan pas in op {}."
NO_RATES = "Stel eerst de tarieven van {} vast."


@dataclass
class Plan:
    """Who gets an invoice now, who already has one, and who owes nothing (with the reason)."""

    year: int
    due: list = field(default_factory=list)  # Contribution
    invoiced: int = 0
    without: list = field(default_factory=list)  # Contribution without an amount


def plan(year):
    """What one run would do now, without doing it."""
    done = Invoice.invoiced_organisations(year)
    result = Plan(year, invoiced=len(done))
    for item in overview(year).contributions:
        if item.organisation.id in done:
            continue
        if item.amount is None or item.amount <= 0:
            result.without.append(item)
        else:
            result.due.append(item)
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
        return f"{item.count} {unit} × € {dutch_number(item.rate.price)}"
    if item.kind == "afspraak":
        return "Afgesproken bijdrage" + (f" ({item.note})" if item.note else "")
    return f"{item.kind_label}, vast bedrag"


def _row(item, year, sequence, billing, contact, issued_on, due_on):
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
        "billing_address": billing.address if billing else organisation.municipality,
        "billing_reference": billing.reference if billing else "",
        "contact_name": contact.name if contact else "",
        "contact_email": contact.email if contact else "",
        "issued_on": issued_on,
        "due_on": due_on,
        "created_at": now(),
    }


def create_invoices(year, actor):
    """Invoice every partner that owes a contribution and has no invoice for the year yet.

    Returns the new invoices' ids (empty when everyone was invoiced already).
    """
    refused = refusal(year)
    if refused:
        raise Refused(refused, 409)
    config = current_app.config
    with write_transaction():
        counter = InvoiceCounter.lock(year)
        due = plan(year).due
        if not due:
            return []
        billing, contacts = billing_addresses(), invoice_contacts()
        issued_on = today()
        due_on = issued_on + timedelta(days=config["INVOICE_PAYMENT_DAYS"])
        rows = [
            _row(
                item,
                year,
                counter.last + offset,
                billing.get(item.organisation.id),
                contacts.get(item.organisation.id),
                issued_on,
                due_on,
            )
            for offset, item in enumerate(due, start=1)
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


def _messages(ids, rows):
    """One e-mail per invoice to the partner's contact, left for tick to send in bulk."""
    for case_id, row in zip(ids, rows, strict=True):
        if not row["contact_email"]:
            continue
        yield (
            row["contact_email"],
            f"Factuur {row['number']} abonnementsgeld De Leidse Aanpak",
            "invoice",
            {
                "invoice": row,
                "label": schooljaar_label(row["schooljaar"]),
                "amount": dutch_number(row["amount"]),
                "url": mail.external_url("fees.invoice", invoice_id=case_id),
            },
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
