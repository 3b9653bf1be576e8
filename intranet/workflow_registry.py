"""Every workflow of the intranet, in one explicit list (nothing registers itself).

The engine (intranet/workflows/) knows no workflow by name: the app hands it this list
(`init_app`), where `workflows tick`, `workflows check` and the generic case routes find them.
"""

from intranet.admission import workflow as admission_workflow
from intranet.fees import invoice_workflow
from intranet.network import contribution_workflow, meeting_workflow, netwerkjaar_workflow
from intranet.rounds import (
    continuation_workflow,
    period_workflow,
    renewal_workflow,
    vriend_workflow,
)

WORKFLOWS = (
    admission_workflow.WORKFLOW,
    continuation_workflow.WORKFLOW,
    period_workflow.WORKFLOW,
    renewal_workflow.WORKFLOW,
    vriend_workflow.WORKFLOW,
    meeting_workflow.WORKFLOW,
    contribution_workflow.WORKFLOW,
    netwerkjaar_workflow.WORKFLOW,
    invoice_workflow.WORKFLOW,
)
BY_NAME = {workflow.name: workflow for workflow in WORKFLOWS}


def init_app(app):
    """Hand the workflows to the engine of this app (engine.registered())."""
    app.extensions["workflows"] = BY_NAME
