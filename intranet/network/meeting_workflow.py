"""A meeting of the network: drafted, published (the audience is invited), or called off.

The projectleider drafts a meeting (network/routes/meeting_pages.py) and publishes it: every
invitee gets an invitation with a single-use answer link (network/publishing.py), the mails
leave with `workflows tick`. A meeting in the past, or one that ends before it starts, is
not published; publishing opens the meeting's schooljaar (netwerkjaar_workflow.py) if it
was not open yet, so its jaargesprek reminder is planned. The day before, tick reminds
everyone coming, once. Calling a published meeting off tells everyone who had not declined.
"""

from intranet.clock import local, now
from intranet.network import publishing
from intranet.network.models import Meeting
from intranet.network.netwerkjaar_workflow import ensure_year
from intranet.schooljaar import schooljaar_of
from intranet.workflows.definition import Condition, Timer, Transition, Workflow
from intranet.workflows.states import MeetingState

NAME = "bijeenkomst"
CONCEPT, GEPUBLICEERD, AFGELAST = (
    MeetingState.CONCEPT,
    MeetingState.PUBLISHED,
    MeetingState.CALLED_OFF,
)
STATES = {CONCEPT: "Concept", GEPUBLICEERD: "Gepubliceerd", AFGELAST: "Afgelast"}
LEADER = frozenset({"projectleider"})


def in_future(meeting, context):
    """The meeting has not begun."""
    return meeting.starts_at > now()


def open_schooljaar(event):
    """The meeting's schooljaar exists as a case, with its jaargesprek reminder."""
    ensure_year(schooljaar_of(local(event.case.starts_at).date()), event.actor)


def ends_after_start(meeting, context):
    """The meeting ends after it starts."""
    return meeting.ends_at > meeting.starts_at


WORKFLOW = Workflow(
    name=NAME,
    label="Bijeenkomst",
    model=Meeting,
    states=STATES,
    initial=CONCEPT,
    transitions=[
        Transition(
            "publiceren",
            CONCEPT,
            GEPUBLICEERD,
            "Publiceren en uitnodigingen versturen",
            LEADER,
            conditions=(
                Condition(in_future, "De bijeenkomst ligt in het verleden."),
                Condition(ends_after_start, "Het einde ligt vóór het begin."),
            ),
            after=(publishing.publish, open_schooljaar),
        ),
        Transition(
            "afgelasten",
            GEPUBLICEERD,
            AFGELAST,
            "Bijeenkomst afgelasten",
            LEADER,
            conditions=(Condition(in_future, "De bijeenkomst is al begonnen."),),
            after=(publishing.call_off,),
            comment="required",
            comment_label="Reden van afgelasten",
            style="secondary",
        ),
    ],
    timers=[
        Timer("herinneren", (GEPUBLICEERD,), publishing.remind),
    ],
    case_endpoint="network.meeting",
    can_view=lambda meeting, user: user.is_authenticated and user.has_role("projectleider"),
)
