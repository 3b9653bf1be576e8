"""Generic case routes: fire a step, show the timeline, draw the diagram."""

from flask import Blueprint, abort, flash, make_response, redirect, request, session, url_for
from flask_login import current_user

from intranet import confirm, htmx
from intranet.security import login_required, safe_next
from intranet.workflows import engine
from intranet.workflows.diagram import svg
from intranet.workflows.models import AuditEvent

bp = Blueprint("cases", __name__)


def _workflow_or_404(name):
    workflow = engine.registered().get(name)
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
    actions = engine.actions_for(workflow, case, user)
    staff = user.has_role("projectleider", "projectgroep", "regiegroep")
    events = list(AuditEvent.for_case(workflow.name, case.id))
    return {
        "workflow": workflow,
        "case": case,
        "actions": actions,
        "groups": action_groups(a for a in actions if not a.transition.folded),
        "folded": action_groups(a for a in actions if a.transition.folded),
        # Steps that are the user's own but cannot be taken yet, with why (in plain words).
        "waiting": [
            a
            for a in actions
            if not a.allowed and workflow.roles_on(case, user) & a.transition.roles
        ],
        "events": workflow.timeline_for(events, user),
        "message": message,
        "draft": draft_comment(workflow, case.id),
        "staff": staff,
        "return_to": return_to,
        "failed": failed,
    }


def action_groups(actions):
    """The allowed button steps in order; steps asking the same comment share one field
    (the voorzitter's 'Toelaten' and 'Afwijzen' one motivation). [(label, mode, [t])]"""
    groups = []
    for action in actions:
        t = action.transition
        if not action.allowed or t.form_endpoint:
            continue
        for label, mode, members in groups:
            if t.comment and label == t.comment_label and mode == t.comment:
                members.append(t)
                break
        else:
            groups.append((t.comment_label if t.comment else "", t.comment, [t]))
    return groups


def case_url(workflow, case_id):
    """The page where a case is shown: the page the step came from, or the case page."""
    target = request.form.get("next", "")
    if target and safe_next(target) == target:
        return target
    return url_for(workflow.case_endpoint, **workflow.case_args(case_id))


@bp.post("/zaak/<workflow_name>/<int:case_id>/stap/<trigger>")
@login_required
def fire(workflow_name, case_id, trigger):
    """Take a step on a case: swap in the updated case (htmx) or go back to its page.

    An irreversible step (one with `confirm`) first answers with a confirmation: whom it
    mails and the message; only its button (`bevestigd=ja`) takes the step.
    """
    workflow = _workflow_or_404(workflow_name)
    case = _case_or_404(workflow, case_id)
    if not workflow.may_view(case, current_user):
        abort(403)
    case_url(workflow, case_id)  # where the answer goes is known before anything is written
    comment = request.form.get("comment", "")[:5000]
    expected_state = request.form.get("expected_state") or None
    if confirm.answer() == "nee":
        session[_draft_key(workflow, case_id)] = comment
        flash(_nothing_done(workflow, case, comment), "info")
        return redirect(case_url(workflow, case_id), code=303)
    try:
        transition = engine.check(
            workflow,
            case,
            trigger,
            current_user,
            expected_state=expected_state,
            comment=comment,
        )
        if transition.confirm and confirm.answer() != "ja":
            return _confirmation(workflow, case, transition, comment)
        event = engine.fire(
            workflow,
            case_id,
            trigger,
            current_user,
            expected_state=expected_state,
            comment=comment,
        )
    except engine.WorkflowError as error:
        if error.status in (403, 404):
            raise  # the one error answer (intranet/errors.py)
        failed = trigger if not comment.strip() else None  # the comment may be what failed
        session[_draft_key(workflow, case_id)] = comment
        return _answer(workflow, case_id, error.message, error.status, "error", failed=failed)
    said = transition.done(event.case) if transition.done else None
    state = workflow.state_label(event.dest)
    message = said or f"Vastgelegd: {transition.label.lower()}. De status is nu ‘{state}’."
    return _answer(workflow, case_id, message, 200, "success")


def _confirmation(workflow, case, transition, comment):
    """Before an irreversible step: the same block, now asking to confirm."""
    recipients, preview = transition.confirm(case, comment)
    state = workflow.state_label(transition.dest).lower()
    mailed = "gaat er e-mail uit" if recipients else "gaat er geen e-mail uit"
    details = confirm.Confirmation(
        section_id=f"case-{workflow.name}-{case.id}",
        title=f"{transition.label}: weet u het zeker?",
        question=f"Na deze stap is de status ‘{state}’ en {mailed}.",
        button=f"Ja, {transition.label.lower()}",
        action=url_for(
            "cases.fire", workflow_name=workflow.name, case_id=case.id, trigger=transition.trigger
        ),
        fields={
            "comment": comment,
            "expected_state": case.state,
            **({"next": request.form["next"]} if request.form.get("next") else {}),
        },
        recipients=recipients,
        preview=preview,
        back_label="Terug, niets doen",
    )
    return confirm.render(details)


def _nothing_done(workflow, case, comment):
    """After 'Terug, niets doen' on a confirmation: that nothing changed, and the text kept."""
    state = workflow.state_label(case.state)
    kept = " Uw tekst staat nog in het formulier." if comment.strip() else ""
    return f"Er is niets gedaan; de status is nog ‘{state}’.{kept}"


def _draft_key(workflow, case_id):
    return f"concept:{workflow.name}:{case_id}"


def draft_comment(workflow, case_id):
    """A motivation typed before 'Terug' or a refused step, given back once."""
    return session.pop(_draft_key(workflow, case_id), "")


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
        return htmx.render(
            "workflows/_case.html", "workflows/_case.html", status_code=status, **context
        )
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
