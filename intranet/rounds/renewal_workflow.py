"""Convenant renewal: each partner signs the next period's convenant, declines, or lets it lapse.

The projectleider opens the signing round (rounds/opening.py): every partner gets a case
in `uitgenodigd` and its contactpersonen an e-mail. A contactpersoon of that organisation
signs for it (name, function, date and the confirmation of being authorised to sign) or
declines with an optional reason. Organisations sign as they really do: a contactpersoon
may name the person who signs, who gets a single-use link and signs without an account
(rounds/signers.py), or the projectleider records a signature made on paper. Reminders go
out every RENEWAL_REMINDER_INTERVAL until the deadline; at the deadline `workflows tick`
moves unanswered cases to `verlopen`.
"""

from datetime import date

from intranet import mail
from intranet.clock import today
from intranet.deadlines import last_day
from intranet.rounds import copies, notify, vriend_workflow
from intranet.rounds.invitation_rules import (
    CONTACT,
    before_deadline,
    close,
    decline,
    expiry,
    may_view,
    own_contact,
    reminders,
    stamp_answer,
)
from intranet.rounds.models import RenewalInvitation
from intranet.workflows.definition import SYSTEM, Condition, Transition, Workflow
from intranet.workflows.states import RenewalState as S

NAME = "verlenging"
SIGNATURE = ("signer_name", "signer_function", "signed_on")
STATES = {
    S.INVITED: "Uitgenodigd",
    S.SIGNED: "Getekend",
    S.DECLINED: "Opgezegd",
    S.EXPIRED: "Verlopen",
}


def signature_complete(case, context):
    """Name, function, date and the explicit confirmation of authority are all given."""
    data = context.get("data") or {}
    return all(data.get(key) for key in SIGNATURE) and data.get("authorised") is True


def signed_before_deadline(case, context):
    """A paper signature is dated on or before the round's last day, and not in the future."""
    signed_on = (context.get("data") or {}).get("signed_on")
    if not signed_on:
        return False
    day = date.fromisoformat(str(signed_on))
    return day <= min(last_day(case.round.deadline), today())


def period_not_started(case, context):
    """A late paper signature still counts until the new period starts."""
    return today() < case.round.period.starts_on


# Online and through the named signer's link: before the deadline, with the word of authority.
SIGNING_IN_TIME = (
    Condition(before_deadline, "De termijn om te tekenen is verstreken."),
    Condition(signature_complete, "Vul naam, functie en datum in en bevestig dat u bevoegd bent."),
)

SIGNED_BY = {"tekenen": "online", "tekenen_via_link": "link", "papier_vastleggen": "papier"}


def record_signature(event):
    """Keep the signature on the case: who signed, as what, on which date, and how."""
    invitation, data = event.case, event.data
    stamp_answer(event)
    invitation.signer_name = data["signer_name"]
    invitation.signer_function = data["signer_function"]
    invitation.signed_on = date.fromisoformat(str(data["signed_on"]))
    invitation.authorised = True
    invitation.signed_via = SIGNED_BY.get(event.trigger, "online")
    invitation.save()
    vriend_workflow.withdraw_for_signature(
        invitation.organisation, invitation.round.period.name, event.actor
    )


def confirm(event):
    """Tell the organisation's contactpersonen what was answered on its behalf; a signature
    comes with the convenant as signed (a PDF), for their own files."""
    invitation = event.case
    period = invitation.round.period
    signed = invitation.state == S.SIGNED
    notify.mail_contacts(
        invitation,
        f"Bevestiging: {STATES[invitation.state].lower()} voor {period.name}",
        "renewal_answered",
        period=period,
        attachment=copies.reference(invitation) if signed else "",
        filename=copies.filename(invitation) if signed else "",
    )


def copy_for_named_signer(event):
    """The named signer (no contactpersoon, so not confirmed above) gets what they signed."""
    invitation = event.case
    mail.queue(
        invitation.delegate_email,
        f"Uw exemplaar: convenant {invitation.round.period.name}",
        "renewal_signed_copy",
        invitation=invitation,
        organisation=invitation.organisation,
        period=invitation.round.period,
        filename=copies.filename(invitation),
        attachment=copies.reference(invitation),
    )


WORKFLOW = Workflow(
    name=NAME,
    label="Ondertekening van het convenant",
    model=RenewalInvitation,
    states=STATES,
    initial=S.INVITED,
    transitions=[
        Transition(
            "tekenen",
            S.INVITED,
            S.SIGNED,
            "Tekenen namens de organisatie",
            CONTACT,
            conditions=SIGNING_IN_TIME,
            after=(record_signature,),
            form_endpoint="rounds.renewal",
        ),
        Transition(
            "tekenen_via_link",
            S.INVITED,
            S.SIGNED,
            "Tekenen via de persoonlijke link",
            frozenset({SYSTEM}),  # the named signer has no account: the link is the key
            conditions=SIGNING_IN_TIME,
            after=(record_signature, copy_for_named_signer),
        ),
        Transition(
            "papier_vastleggen",
            (S.INVITED, S.EXPIRED),
            S.SIGNED,
            "Handtekening op papier vastleggen",
            frozenset({"projectleider"}),
            conditions=(
                Condition(
                    period_not_started, "De nieuwe periode is al begonnen; dit kan niet meer."
                ),
                Condition(
                    signed_before_deadline,
                    "De datum van ondertekening moet binnen de termijn liggen, niet later.",
                ),
                Condition(signature_complete, "Vul naam, functie en datum van ondertekening in."),
            ),
            after=(record_signature,),
            form_endpoint="rounds.renewal",
        ),
        decline("opzeggen", "Niet verlengen", S, form_endpoint="rounds.renewal"),
        expiry(S),
    ],
    case_roles=own_contact,
    on_enter={
        S.SIGNED: [close, confirm],
        S.DECLINED: [close, confirm],
        S.EXPIRED: [close],
    },
    timers=[
        reminders(
            S,
            "RENEWAL_REMINDER_INTERVAL",
            "Herinnering: ondertekening convenant {period}",
            "renewal_reminder",
        )
    ],
    case_endpoint="rounds.renewal",
    can_view=may_view,
)
