"""An invoice of abonnementsgelden: open → betaald (on a date) or gecrediteerd.

The projectleider creates a schooljaar's invoices in one action (fees/invoicing.py), which
also schedules a reminder. The projectleider records the payment with its date, or credits
the invoice with a reason; both are final, so marking an invoice paid twice is refused. An
invoice still open when its reminder is due gets one reminder to the partner's contact.
"""

from datetime import date

from flask import current_app

from intranet import mail
from intranet.clock import today
from intranet.fees.invoices import CREDITED, OPEN, PAID, STATES, Invoice
from intranet.workflows import engine
from intranet.workflows.definition import Condition, Timer, Transition, Workflow

LEADER = frozenset({"projectleider"})


def _has_paid_on(case, context):
    paid_on = context.get("data", {}).get("paid_on")
    return isinstance(paid_on, date) and case.issued_on <= paid_on <= today()


def record_payment(event):
    """Keep the date the money arrived."""
    event.case.paid_on = event.data["paid_on"]
    event.case.save(only=[Invoice.paid_on])


def remind(workflow, case, moment):
    """Remind the partner's contact of an invoice still open; recorded on its timeline."""
    if case.contact_email:
        mail.queue(
            case.contact_email,
            f"Herinnering factuur {case.number}",
            "invoice_reminder",
            invoice=case,
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
        ),
    ],
    timers=[Timer("herinneren", (OPEN,), remind)],
    event_labels={"herinnering": "Herinnering verstuurd"},
    case_endpoint="fees.invoice",
    case_arg="invoice_id",
    can_view=lambda case, user: (
        user.has_role("projectleider") or case.organisation_id in user.organisation_ids
    ),
)
