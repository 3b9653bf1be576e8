"""The transition to LEF: partners that are not LEF partners are invited to become 'vriend'.

The June 2022 letter: from 2022/2023 De Leidse Aanpak continues as LEF's zichtlijn
Talentontwikkeling. LEF partners simply continue as LEF-partner; every other partner gets
an invitation (rounds/opening.py). A contactpersoon of that organisation accepts (vriend)
or declines (afgeslagen); unanswered at the deadline: verlopen. Reminders go out every
VRIEND_REMINDER_INTERVAL. An organisation that accepted becomes vriend when the period
has ended (at once if it already has), and keeps being invited to meetings.
"""

from datetime import timedelta

from intranet.rounds import notify
from intranet.rounds.invitation_rules import (
    CONTACT,
    LATE,
    before_deadline,
    close,
    decline,
    expiry,
    may_view,
    own_contact,
    record_answer,
    reminders,
)
from intranet.rounds.models import VriendInvitation
from intranet.statuses import change_organisation_status
from intranet.workflows import engine
from intranet.workflows.definition import SYSTEM, Condition, Transition, Workflow
from intranet.workflows.states import OrganisationStatus as Status
from intranet.workflows.states import PeriodState
from intranet.workflows.states import VriendState as S

NAME = "vriend"
STATES = {
    S.INVITED: "Uitgenodigd",
    S.VRIEND: "Vriend",
    S.DECLINED: "Afgeslagen",
    S.EXPIRED: "Verlopen",
    S.WITHDRAWN: "Ingetrokken",
}
WITHDRAWN_BECAUSE = (
    "Ingetrokken: {organisation} heeft het convenant {period} getekend en blijft partner. "
    "Vriend van LEF is voor partners die niet doorgaan."
)


def become_vriend(event):
    """Once the period is over the organisation is vriend; before that, its end decides."""
    invitation = event.case
    if invitation.round.period.state == PeriodState.ENDED:
        change_organisation_status(
            [invitation.organisation_id],
            Status.VRIEND,
            "vriend_geworden",
            event.actor,
            only_from=(Status.PARTNER, Status.OUD_PARTNER),
            on=invitation.round.period.ends_on + timedelta(days=1),
        )


def withdraw_for_signature(organisation, period_name, actor):
    """A partner that signs the next convenant is no longer asked to become vriend: its open
    invitation is withdrawn, with the reason on its timeline (in the signing's transaction)."""
    open_ones = VriendInvitation.select(VriendInvitation.id).where(
        VriendInvitation.organisation == organisation.id, VriendInvitation.state == S.INVITED
    )
    reason = WITHDRAWN_BECAUSE.format(organisation=organisation.name, period=period_name)
    for (case_id,) in open_ones.tuples():
        engine.fire(WORKFLOW, case_id, "intrekken", None, comment=reason)


def confirm(event):
    """Tell the organisation's contactpersonen what was answered on its behalf."""
    invitation = event.case
    notify.mail_contacts(
        invitation,
        "Bevestiging: " + ("vriend van LEF" if invitation.state == S.VRIEND else "afgeslagen"),
        "vriend_answered",
    )


WORKFLOW = Workflow(
    name=NAME,
    label="Uitnodiging vriend van LEF",
    model=VriendInvitation,
    states=STATES,
    initial=S.INVITED,
    transitions=[
        Transition(
            "aanvaarden",
            S.INVITED,
            S.VRIEND,
            "Ja, wij worden vriend van LEF",
            CONTACT,
            conditions=(Condition(before_deadline, LATE),),
            after=(record_answer,),
            form_endpoint="rounds.vriend",
        ),
        decline("afslaan", "Nee, liever niet", S, form_endpoint="rounds.vriend"),
        expiry(S),
        Transition(
            "intrekken", S.INVITED, S.WITHDRAWN, "Ingetrokken (getekend)", frozenset({SYSTEM})
        ),
    ],
    case_roles=own_contact,
    on_enter={
        S.VRIEND: [close, become_vriend, confirm],
        S.DECLINED: [close, confirm],
        S.EXPIRED: [close],
        S.WITHDRAWN: [close],
    },
    timers=[
        reminders(
            S,
            "VRIEND_REMINDER_INTERVAL",
            "Herinnering: word vriend van LEF",
            "vriend_reminder",
        )
    ],
    case_endpoint="rounds.vriend",
    can_view=may_view,
)
