"""Casting a vote, or recording one on a member's behalf: engine activities of the workflow.

The majority rule and what a vote may overwrite live in `intranet/workflows/admission_vote.py`.
"""

from intranet.workflows import engine
from intranet.workflows.admission import CLOSED, PAST_DEADLINE, admission

__all__ = ["CLOSED", "PAST_DEADLINE", "cast_vote"]


def cast_vote(application_id, member, choice, motivation="", recorded_by=None):
    """Record (or change) a member's vote; the trigger that closed the vote, or None.

    With `recorded_by` (the projectleider) the vote is recorded on the member's behalf; it
    never replaces a vote the member cast themselves.
    """
    data = {"choice": choice, "motivation": motivation}
    if recorded_by is None:
        acted = engine.act(admission, application_id, "stemmen", member, data=data)
    else:
        data["member"] = member.id
        acted = engine.act(admission, application_id, "stem_vastleggen", recorded_by, data=data)
    return acted.settled.trigger if acted.settled else None
