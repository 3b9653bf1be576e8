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
from intranet.workflows.definition import Condition, Transition, Workflow
from intranet.workflows.states import OrganisationStatus as Status
from intranet.workflows.states import PeriodState
from intranet.workflows.states import VriendState as S

NAME = "vriend"
STATES = {
    S.INVITED: "Uitgenodigd",
    S.VRIEND: "Vriend",
    S.DECLINED: "Afgeslagen",
    S.EXPIRED: "Verlopen",
}


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
    ],
    case_roles=own_contact,
    on_enter={
        S.VRIEND: [close, become_vriend, confirm],
        S.DECLINED: [close, confirm],
        S.EXPIRED: [close],
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
