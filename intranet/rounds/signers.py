"""Signing as organisations sign: a named signer with a single-use link, or a paper copy.

A contactpersoon names who signs (name, function, e-mail); that person gets a link that
works once, without an account, as long as they are still the named signer and the
organisation has not answered. The projectleider records a signature made on paper.
"""

from flask import current_app

from intranet import mail, tokens
from intranet.clock import now
from intranet.db import locked, write_transaction
from intranet.models import User
from intranet.rounds.models import RenewalInvitation
from intranet.rounds.renewal_workflow import WORKFLOW
from intranet.workflows import engine
from intranet.workflows.states import RenewalState

PURPOSE = "ondertekenaar"
REPLACED = (
    "Deze link werkt niet meer: de organisatie heeft intussen iemand anders gevraagd te "
    "tekenen. U hoeft niets te doen."
)
ANSWERED = "Het convenant is voor deze organisatie al beantwoord. U hoeft niets meer te doen."
CLOSED = "De termijn om te tekenen is verstreken. Neem contact op met uw contactpersoon."


def _locked_invitation(case_id):
    """The invitation under a write lock, or CaseNotFound."""
    query = RenewalInvitation.select().where(RenewalInvitation.id == case_id)
    invitation = locked(query).get_or_none()
    if invitation is None:
        raise engine.CaseNotFound("Deze uitnodiging bestaat niet.")
    return invitation


def name_signer(case_id, actor, name, function, email):
    """Name the person who signs and mail them their link; a new name ends the old link."""
    email = email.strip().lower()
    with write_transaction():
        invitation = _locked_invitation(case_id)
        if invitation.state != RenewalState.INVITED or not invitation.round.is_open:
            raise engine.AlreadyHandled(
                ANSWERED if invitation.state != RenewalState.INVITED else CLOSED
            )
        invitation.delegate_name, invitation.delegate_function = name.strip(), function.strip()
        invitation.delegate_email, invitation.delegated_at = email, now()
        invitation.save()
        engine.note(
            WORKFLOW,
            invitation,
            "ondertekenaar_aangewezen",
            actor,
            f"{invitation.delegate_name} ({invitation.delegate_function}) gevraagd te tekenen; "
            f"link gestuurd naar {email}.",
        )
        token = tokens.make(PURPOSE, [invitation.id, email], bound_to=_stamp(email))
        mail.queue(
            email,
            f"Verzoek: teken het convenant {invitation.round.period.name}",
            "renewal_signer",
            invitation=invitation,
            period=invitation.round.period,
            round=invitation.round,
            organisation=invitation.organisation,
            asked_by=actor,
            link=mail.external_url("rounds.sign_by_link", token=token),
        )
    return invitation


def _stamp(email):
    """A signer's link is bound like an account link to the account at its address, if
    there is one: a change of that account's address, password or state ends it."""
    return tokens.account_stamp(User.by_email(email))


def open_link(token):
    """(payload, invitation) for a usable signer link; raises a refusal saying why not."""
    payload = tokens.read(PURPOSE, token, current_app.config["SIGNER_LINK_MAX_AGE"])
    subject = payload["s"]
    if not isinstance(subject, list) or len(subject) != 2:
        raise tokens.LinkError(tokens.INVALID)
    invitation = RenewalInvitation.with_context(subject[0])
    if invitation is None:
        raise tokens.LinkError(tokens.INVALID)
    if invitation.state != RenewalState.INVITED:
        raise engine.AlreadyHandled(ANSWERED)
    if invitation.delegate_email != subject[1]:
        raise tokens.LinkError(REPLACED)
    tokens.check_bound({"b": "-", **payload}, _stamp(subject[1]))
    if not invitation.round.is_open:
        raise engine.AlreadyHandled(CLOSED)
    return payload, invitation


def sign_by_link(payload, invitation, signature):
    """The named signer signs; the link is used up in the same transaction."""
    with write_transaction():
        tokens.consume(PURPOSE, payload)
        fresh = _locked_invitation(invitation.id)
        if fresh.delegate_email != payload["s"][1]:
            raise tokens.LinkError(REPLACED)
        engine.fire(
            WORKFLOW,
            invitation.id,
            "tekenen_via_link",
            None,
            expected_state=RenewalState.INVITED,
            data=signature,
            actor_label=f"{signature['signer_name']} (ondertekenaar, via link)",
        )


def record_paper(case_id, actor, signature, expected_state):
    """The projectleider records a signature that came in on paper (audited as any step)."""
    return engine.fire(
        WORKFLOW,
        case_id,
        "papier_vastleggen",
        actor,
        expected_state=expected_state,
        data={**signature, "authorised": True, "op_papier": True},
        comment=f"Op papier getekend door {signature['signer_name']}.",
    )
