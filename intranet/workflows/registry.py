"""Every workflow of the intranet, in one explicit list (nothing registers itself)."""

from intranet.workflows import (
    continuation,
    contribution,
    invoice,
    meeting,
    netwerkjaar,
    period,
    renewal,
    vriend,
)
from intranet.workflows.admission import admission

WORKFLOWS = (
    admission,
    continuation.WORKFLOW,
    period.WORKFLOW,
    renewal.WORKFLOW,
    vriend.WORKFLOW,
    meeting.WORKFLOW,
    contribution.WORKFLOW,
    netwerkjaar.WORKFLOW,
    invoice.WORKFLOW,
)
BY_NAME = {workflow.name: workflow for workflow in WORKFLOWS}


def get(name):
    """The workflow of that name, or None."""
    return BY_NAME.get(name)
