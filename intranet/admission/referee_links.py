"""The referee link rules, in one place: how the link is made, how long it works, and when a
referee may no longer use it (answered, replaced, or the case moved on)."""

from flask import current_app

from intranet import mail, tokens
from intranet.clock import now
from intranet.statuses import change_referee_status
from intranet.workflows import engine
from intranet.workflows.states import AdmissionState as State
from intranet.workflows.states import RefereeStatus as Status

PURPOSE = "referee"
ALREADY_ANSWERED = "Deze referentie is al gegeven. Dank u wel!"
NO_LONGER_NEEDED = "Deze referentie is niet meer nodig: de aanmelding is intussen verder gegaan."
REPLACED = (
    "Deze link werkt niet meer: de aanvrager heeft intussen iemand anders als referent "
    "gevraagd. U hoeft niets meer te doen."
)


def invite(referee, actor=None):
    """Send one referee the signed link to give the reference."""
    change_referee_status(referee, Status.INVITED, "uitnodigen", actor, invited_at=now())
    mail.queue(
        referee.email,
        f"Referentie gevraagd voor {referee.application.organisation.name}",
        "admission_referee",
        referee=referee,
        link=link(referee),
        days=days_valid(),
    )


def link(referee):
    """The signed, single-use link to the referee's answer page (for the e-mail)."""
    return mail.external_url("referee.answer", token=tokens.make(PURPOSE, referee.id))


def days_valid():
    """How many days a link works."""
    return current_app.config["REFEREE_LINK_MAX_AGE"].days


def read(token):
    """The payload of a genuine link in time, used or not (`check` says what a used one
    means: answered); raises tokens.LinkError when tampered with or expired."""
    return tokens.verify(PURPOSE, token, current_app.config["REFEREE_LINK_MAX_AGE"])


def consume(payload):
    """Use the link up, inside the transaction that records the answer."""
    tokens.consume(PURPOSE, payload)


def check(referee, case_state, payload=None):
    """Refuse when this referee can no longer answer: the link was replaced or this link
    was used (400, as any link that no longer works; `payload`, the link's, when the caller
    has it), or the reference was given (by another of their links) or is no longer needed
    (409)."""
    if referee.status == Status.REPLACED:
        raise tokens.LinkError(REPLACED)
    if payload is not None and tokens.is_used(payload):
        raise tokens.LinkError(tokens.USED)
    if referee.status == Status.ANSWERED:
        raise engine.AlreadyHandled(ALREADY_ANSWERED)
    if referee.status != Status.INVITED or case_state != State.REFERENCES:
        raise engine.AlreadyHandled(NO_LONGER_NEEDED)
