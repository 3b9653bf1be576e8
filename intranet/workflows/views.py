"""Generic case routes: fire a step, show the timeline, draw the diagram."""

from flask import Blueprint, abort, flash, make_response, redirect, request, url_for
from flask_login import current_user

from intranet import htmx
from intranet.security import login_required, safe_next
from intranet.workflows import engine
from intranet.workflows.diagram import svg
from intranet.workflows.models import AuditEvent
from intranet.workflows.registry import get

bp = Blueprint("cases", __name__)


def _workflow_or_404(name):
    workflow = get(name)
    if workflow is None:
        abort(404)
    return workflow


def _case_or_404(workflow, case_id):
    case = workflow.model.get_or_none(workflow.model.id == case_id)
    if case is None:
        abort(404)
    return case


def case_context(workflow, case, user, message=None, return_to=None, failed=None):
    """What the case fragment shows: state, the user's steps, the timeline.

    `return_to` is the page (a path on this site) a step without JavaScript returns to,
    when it is not the workflow's own case page; `failed` the trigger of a step just refused,
    whose comment field the message then describes.
    """
    return {
        "workflow": workflow,
        "case": case,
        "actions": engine.actions_for(workflow, case, user),
        "events": list(AuditEvent.for_case(workflow.name, case.id)),
        "message": message,
        "return_to": return_to,
        "failed": failed,
    }


def case_url(workflow, case_id):
    """The page where a case is shown: the page the step came from, or the case page."""
    target = request.form.get("next", "")
    if target and safe_next(target) == target:
        return target
    return url_for(workflow.case_endpoint, case_id=case_id)


@bp.post("/zaak/<workflow_name>/<int:case_id>/stap/<trigger>")
@login_required
def fire(workflow_name, case_id, trigger):
    """Take a step on a case: swap in the updated case (htmx) or go back to its page."""
    workflow = _workflow_or_404(workflow_name)
    case = _case_or_404(workflow, case_id)
    if not workflow.may_view(case, current_user):
        abort(403)
    try:
        engine.fire(
            workflow,
            case_id,
            trigger,
            current_user,
            expected_state=request.form.get("expected_state") or None,
            comment=request.form.get("comment", "")[:5000],
        )
    except engine.WorkflowError as error:
        if error.status in (403, 404):
            raise  # the one error answer (intranet/errors.py)
        blank = not request.form.get("comment", "").strip()  # the comment may be what failed
        failed = trigger if blank else None
        return _answer(workflow, case_id, error.message, error.status, "error", failed=failed)
    transition_label = next((t.label for t in workflow.transitions if t.trigger == trigger), "")
    return _answer(workflow, case_id, f"Gelukt: {transition_label}.", 200, "success")


def _answer(workflow, case_id, message, status, category, failed=None):
    if htmx.is_htmx():
        case = _case_or_404(workflow, case_id)
        context = case_context(
            workflow,
            case,
            current_user,
            message=(category, message),
            return_to=request.form.get("next") or None,
            failed=failed,
        )
        response = htmx.render("workflows/_case.html", "workflows/_case.html", **context)
        response.status_code = status
        return response
    flash(message, category)
    return redirect(case_url(workflow, case_id), code=303)


@bp.get("/zaak/<workflow_name>/<int:case_id>/tijdlijn")
@login_required
def timeline(workflow_name, case_id):
    """Every step of a case, built from its audit events."""
    workflow = _workflow_or_404(workflow_name)
    case = _case_or_404(workflow, case_id)
    if not workflow.may_view(case, current_user):
        abort(403)
    return htmx.render(
        "workflows/timeline.html",
        "workflows/_timeline.html",
        **case_context(workflow, case, current_user),
    )


@bp.get("/workflow/<workflow_name>/diagram.svg")
def diagram(workflow_name):
    """The workflow's diagram, drawn from its definition, the given state highlighted."""
    workflow = _workflow_or_404(workflow_name)
    state = request.args.get("state")
    if state is not None and state not in workflow.states:
        abort(404)
    response = make_response(svg(workflow, state))
    response.mimetype = "image/svg+xml"
    response.cache_control.max_age = 3600
    response.cache_control.public = True
    return response
