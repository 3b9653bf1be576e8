"""The admission workflow's sections on the projectleider's dashboard."""

from flask import url_for

from intranet.admission.models import Application
from intranet.admission.workflow import WORKFLOW as admission
from intranet.workflows.states import AdmissionState as State

WAITING_FOR_LEADER = (State.WITH_LEADER,)
SHOWN = 20  # the inbox and the vote list have the rest


def cases_needing_action():
    """Applications waiting for the projectleider, oldest first."""
    return [
        {
            "label": f"{case.organisation.name}: {admission.state_label(case.state)}",
            "url": url_for("apply.case", case_id=case.id),
            "since": case.submitted_at or case.created_at,
        }
        for case in Application.listing(*WAITING_FOR_LEADER).limit(SHOWN)
    ]


def open_votes():
    """Votes of the projectgroep that are open, with their deadlines."""
    return [
        {
            "label": case.organisation.name,
            "url": url_for("votes.vote", case_id=case.id),
            "deadline": case.vote_deadline,
        }
        for case in Application.listing(State.VOTE).order_by(Application.vote_deadline).limit(SHOWN)
    ]


def applications_per_state():
    """How many applications stand in each state, in the workflow's order."""
    counts = Application.counts_by_state()
    return [(label, counts.get(state, 0)) for state, label in admission.states.items()]
