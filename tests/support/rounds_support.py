"""Helpers for the rounds tests: periods, decisions, rounds, invitations and signatures, many
partners, query counts."""

from datetime import timedelta

from intranet.clock import now, today
from intranet.models import Contact, Membership, Organisation, User
from intranet.rounds import continuation_workflow, opening, period_workflow
from intranet.rounds.models import RenewalInvitation
from intranet.workflows import engine
from intranet.workflows.timers import tick
from tests.support import factories

TEXT = factories.PERIOD_TEXT
# The data of the signing step ("tekenen") when a test fires it itself.
SIGNING_STEP_DATA = {
    "signer_name": "Sanne Bakker",
    "signer_function": "bestuurder",
    "signed_on": "2026-11-01",
    "authorised": True,
}


def decide(period, trigger="voortzetten", voorzitter=None, motivation="Zo besloten."):
    """Put the period's decision on the list and take it (as the voorzitter, or the system)."""
    decision = period.decision
    if decision.state == "gepland":
        engine.fire(continuation_workflow.WORKFLOW, decision.id, "agenderen", None)
    if voorzitter is None:  # the regiegroep's voorzitter (the database allows only one)
        seat = Membership.get_or_none(Membership.group == "regiegroep", Membership.voorzitter)
        voorzitter = seat.user if seat else factories.person("regiegroep", voorzitter=True)
    engine.fire(
        continuation_workflow.WORKFLOW, decision.id, trigger, voorzitter, comment=motivation
    )
    return continuation_workflow.WORKFLOW.model.get_by_id(decision.id)


def started(period):
    """Start a period now (as tick would on its start date)."""
    engine.fire(period_workflow.WORKFLOW, period.id, "starten", None)
    return type(period).get_by_id(period.id)


def renewal_setup(deadline_days=30, starts=60):
    """A running period continued by the regiegroep, and its successor (not yet started)."""
    current = started(factories.period("Huidige periode", starts=-1000, ends=starts - 1))
    decide(current)
    following = factories.period("Volgende periode", starts=starts, ends=starts + 1460)
    return current, following


def open_renewal(following, days=30, actor=None):
    """Open the successor's signing round with a deadline so many days from today."""
    return opening.open_renewal_round(following, actor, today() + timedelta(days=days))


def renewal_invitation(round_, organisation):
    """The organisation's invitation in a signing round."""
    return RenewalInvitation.get(
        RenewalInvitation.round == round_, RenewalInvitation.organisation == organisation
    )


def signature(**overrides):
    """The signing form as an authorised signer fills it in today."""
    values = {
        "signer_name": "Anouk de Vries",
        "signer_function": "directeur",
        "signed_on": today().isoformat(),
        "authorised": "y",
    }
    return {**values, **overrides}


def status_of(organisation):
    """The organisation's status as stored now."""
    return Organisation.get_by_id(organisation.id).status


def many_partners(count, prefix="Partner"):
    """Insert partners, each with one contactpersoon, in bulk."""
    Organisation.insert_many(
        [
            {
                "name": f"{prefix} {n:05d}",
                "sector": "PO",
                "municipality": "Leiden",
                "status": "partner",
            }
            for n in range(count)
        ]
    ).execute()
    User.insert_many(
        [
            {
                "email": f"{prefix.lower()}{n}@example.org",
                "name": f"Contact {n}",
                "email_confirmed_at": now(),
            }
            for n in range(count)
        ]
    ).execute()
    organisations = dict(
        Organisation.select(Organisation.name, Organisation.id)
        .where(Organisation.name.startswith(prefix + " "))
        .tuples()
    )
    users = dict(
        User.select(User.email, User.id).where(User.email.startswith(prefix.lower())).tuples()
    )
    Contact.insert_many(
        [
            {
                "organisation": organisations[f"{prefix} {n:05d}"],
                "user": users[f"{prefix.lower()}{n}@example.org"],
                "kind": "primary",
            }
            for n in range(count)
        ]
    ).execute()


__all__ = ["tick"]
