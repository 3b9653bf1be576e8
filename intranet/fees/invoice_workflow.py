"""An invoice of abonnementsgelden: open → betaald (on a date) or gecrediteerd.

The projectleider creates a schooljaar's invoices in one action (fees/invoicing.py), which
also schedules a reminder. The projectleider records the payment with its date, or credits
the invoice with a reason; both are final, so marking an invoice paid twice is refused.
Crediting makes a credit note: the next number of the same series, the negative amount,
mailed with its PDF. An invoice paid or credited before its e-mail left is not sent as a
request for payment (the queued e-mail is withdrawn, on the timeline). An invoice still
open when its reminder is due gets one reminder to the partner's contact.
"""

from datetime import date

from flask import current_app

from intranet import mail
from intranet.clock import now, today
from intranet.fees.export import dutch_number
from intranet.fees.invoices import (
    CREDIT_NOTE,
    CREDITED,
    OPEN,
    PAID,
    STATES,
    Invoice,
    InvoiceCounter,
    invoice_number,
)
from intranet.models import OutboxMessage
from intranet.schooljaar import schooljaar_label
from intranet.workflows import engine
from intranet.workflows.definition import Condition, Timer, Transition, Workflow

LEADER = frozenset({"projectleider"})


def _has_paid_on(case, context):
    paid_on = context.get("data", {}).get("paid_on")
    return isinstance(paid_on, date) and case.issued_on <= paid_on <= today()


def record_payment(event):
    """Keep the date the money arrived; an invoice e-mail not yet sent is not sent."""
    event.case.paid_on = event.data["paid_on"]
    event.case.save(only=[Invoice.paid_on])
    _withdraw_mail(event, "al betaald")


def attachment(invoice):
    """The outbox attachment of an invoice's (or credit note's) PDF."""
    return f"factuur:{invoice.id}"


def _withdraw_mail(event, why):
    """Take the invoice's e-mail out of the outbox if it has not left yet (on the timeline)."""
    invoice = event.case
    withdrawn = (
        OutboxMessage.delete()
        .where(
            OutboxMessage.attachment == attachment(invoice),
            OutboxMessage.kind == "invoice",
            OutboxMessage.status == "queued",
        )
        .execute()
    )
    if withdrawn:
        comment = f"De e-mail met de factuur was nog niet verstuurd en gaat niet meer uit: {why}."
        engine.note(event.workflow, invoice, "niet_verstuurd", event.actor, comment)


def make_credit_note(event):
    """Credit the invoice with a credit note: the year's next number, the negative amount;
    its PDF goes to the partner's contact."""
    invoice = event.case
    counter = InvoiceCounter.lock(invoice.schooljaar)
    sequence = counter.last + 1
    InvoiceCounter.update(last=sequence).where(
        InvoiceCounter.schooljaar == invoice.schooljaar
    ).execute()
    note = Invoice.create(
        state=CREDIT_NOTE,
        schooljaar=invoice.schooljaar,
        sequence=sequence,
        number=invoice_number(invoice.schooljaar, sequence),
        organisation=invoice.organisation_id,
        kind=invoice.kind,
        description=f"Creditering van factuur {invoice.number}"[:255],
        count=invoice.count,
        rate=invoice.rate,
        amount=-invoice.total,
        billing_name=invoice.billing_name,
        billing_address=invoice.billing_address,
        billing_reference=invoice.billing_reference,
        contact_name=invoice.contact_name,
        contact_email=invoice.contact_email,
        issued_on=today(),
        due_on=today(),
        created_at=now(),
        credit_of=invoice.id,
    )
    _withdraw_mail(event, "gecrediteerd")
    engine.note(
        event.workflow, invoice, "creditnota", event.actor, f"Creditnota {note.number} gemaakt."
    )
    if invoice.contact_email:
        _mail_with_pdf(
            invoice.contact_email,
            f"Creditnota {note.number} bij factuur {invoice.number}",
            "credit_note",
            note,
            credited=invoice,
            label=schooljaar_label(invoice.schooljaar),
            amount=dutch_number(note.total),
            filename=note.filename,
        )


def _mail_with_pdf(to, subject, template, invoice, **context):
    """Queue a mail about an invoice (or credit note) with its PDF and whom to ask."""
    config = current_app.config
    mail.queue(
        to,
        subject,
        template,
        attachment=attachment(invoice),
        invoice=invoice,
        ask=config["INVOICE_CONTACT"],
        reply_to=config["INVOICE_REPLY_TO"],
        **context,
    )


def remind(workflow, case, moment):
    """Remind the partner's contact of an invoice still open; recorded on its timeline."""
    if case.contact_email:
        _mail_with_pdf(
            case.contact_email,
            f"Herinnering factuur {case.number}",
            "invoice_reminder",
            case,
            url=mail.external_url("fees.invoice", invoice_id=case.id),
        )
    case.reminded_on = moment.date()
    case.save(only=[Invoice.reminded_on])
    engine.note(workflow, case, "herinnering", None, f"Herinnering aan {case.contact_email}")


def reminder_due(issued_at):
    """When an invoice created at that moment is reminded if still open (a setting)."""
    return issued_at + current_app.config["INVOICE_REMINDER_AFTER"]


WORKFLOW = Workflow(
    name="factuur",
    label="Factuur",
    model=Invoice,
    states=STATES,
    initial=OPEN,
    transitions=[
        Transition(
            "betalen",
            OPEN,
            PAID,
            "Betaald",
            LEADER,
            conditions=(
                Condition(
                    _has_paid_on,
                    "Vul de betaaldatum in: niet voor de factuurdatum en niet in de toekomst.",
                ),
            ),
            after=(record_payment,),
        ),
        Transition(
            "crediteren",
            OPEN,
            CREDITED,
            "Crediteren",
            LEADER,
            comment="required",
            comment_label="Reden van de creditering",
            style="secondary",
            after=(make_credit_note,),
        ),
    ],
    timers=[Timer("herinneren", (OPEN,), remind)],
    event_labels={
        "herinnering": "Herinnering verstuurd",
        "creditnota": "Creditnota gemaakt",
        "niet_verstuurd": "Factuur-e-mail ingetrokken",
    },
    case_endpoint="fees.invoice",
    case_arg="invoice_id",
    can_view=lambda case, user: (
        user.has_role("projectleider") or case.organisation_id in user.organisation_ids
    ),
)
