"""The admission workflow's sections on the projectleider's dashboard."""

from flask import url_for
from peewee import Case, fn

from intranet.admission.models import Application
from intranet.admission.workflow import WORKFLOW as admission
from intranet.workflows.states import AdmissionState as State

WAITING_FOR_LEADER = (State.WITH_LEADER,)
SHOWN = 20  # the inbox and the vote list have the rest


def _first_of_each_state(states):
    """The applications in these states, at most SHOWN of each (in a vote the soonest
    deadline first, else the oldest first), in one statement: a window function ranks them."""
    deadline = Case(None, [(Application.state == State.VOTE, Application.vote_deadline)])
    place = fn.ROW_NUMBER().over(
        partition_by=[Application.state], order_by=[deadline, Application.id]
    )
    ranked = (
        Application.select(Application.id, place.alias("place"))
        .where(Application.state.in_(states))
        .alias("ranked")
    )
    return (
        Application.listing(*states)
        .switch(Application)
        .join(ranked, on=(ranked.c.id == Application.id))
        .where(ranked.c.place <= SHOWN)
        .order_by(ranked.c.place)
    )


def waiting():
    """{"cases_needing_action": applications waiting for the projectleider, oldest first;
    "open_votes": the projectgroep's open votes with their deadlines} (one statement)."""
    cases, votes = [], []
    for case in _first_of_each_state((*WAITING_FOR_LEADER, State.VOTE)):
        if case.state == State.VOTE:
            votes.append(
                {
                    "label": case.organisation.name,
                    "url": url_for("votes.vote", case_id=case.id),
                    "deadline": case.vote_deadline,
                }
            )
        else:
            cases.append(
                {
                    "label": f"{case.organisation.name}: {admission.state_label(case.state)}",
                    "url": url_for("apply.case", case_id=case.id),
                    "since": case.submitted_at or case.created_at,
                }
            )
    return {"cases_needing_action": cases, "open_votes": votes}


def applications_per_state():
    """How many applications stand in each state, in the workflow's order."""
    counts = Application.counts_by_state()
    return [(label, counts.get(state, 0)) for state, label in admission.states.items()]
