"""The regiegroep's list: voortzetting or beëindiging of each convenant period."""

from flask import abort, render_template
from flask_login import current_user

from intranet.pages import Pages
from intranet.rounds.continuation_workflow import WORKFLOW
from intranet.rounds.models import ContinuationDecision
from intranet.security import role_required
from intranet.workflows.routes import case_context

pages = Pages()


@pages.get("/regiegroep/convenant")
@role_required("regiegroep", "projectleider")
def decisions():
    """Decisions to take now, upcoming ones, and those taken."""
    return render_template(
        "rounds/decisions.html", decisions=ContinuationDecision.listing(), workflow=WORKFLOW
    )


@pages.get("/regiegroep/convenant/<int:case_id>")
@role_required("regiegroep", "projectleider")
def decision(case_id):
    """One decision: the period, its convenant, and the voorzitter's step with a motivation."""
    decision = ContinuationDecision.get_or_none(ContinuationDecision.id == case_id)
    if decision is None:
        abort(404)
    return render_template(
        "rounds/decision.html",
        period=decision.period,
        **case_context(WORKFLOW, decision, current_user),
    )
