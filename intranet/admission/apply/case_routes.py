"""The case page of an application; changing a draft step by step; replacing a referee."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from intranet import htmx
from intranet.admission.eligibility import pupils_problem
from intranet.admission.models import Referee
from intranet.admission.referees.answers import replace_referee as replace
from intranet.admission.workflow import WORKFLOW as admission
from intranet.pages import Pages
from intranet.refusals import Refused
from intranet.security import login_required
from intranet.workflows import engine
from intranet.workflows.routes import case_context
from intranet.workflows.states import AdmissionState as State
from intranet.workflows.states import RefereeStatus

from . import drafts, queries, steps
from .forms import ADD_REFEREE, ReplaceRefereeForm
from .progress import progress
from .routes import edit_context, own_draft

pages = Pages()

REPLACED = "{} is vervangen door {}, die nu een uitnodiging krijgt."


def _replaceable(application, referee):
    return application.state == State.REFERENCES and referee.status == RefereeStatus.INVITED


def page_context(application, replace_forms=None, message=None):
    """Everything the case page shows to the current user."""
    is_applicant = application.applicant_id == current_user.id
    referees = list(Referee.current(application))
    replace_forms = dict(replace_forms or {})
    if is_applicant:
        for referee in referees:
            if _replaceable(application, referee) and referee.id not in replace_forms:
                replace_forms[referee.id] = ReplaceRefereeForm(
                    prefix=f"r{referee.id}", formdata=None
                )
    context = case_context(admission, application, current_user)
    questions = [e.comment for e in context["events"] if e.to_state == State.QUESTION]
    return {
        **context,
        "question": questions[-1] if application.state == State.QUESTION and questions else "",
        "application": application,
        "is_applicant": is_applicant,
        "referees": referees,
        "replace_forms": replace_forms,
        "referee_message": message,
        "checklist": queries.checklist(application) if application.state == State.CONCEPT else [],
        "step_labels": steps.STEPS,
        "progress": progress(application) if is_applicant else None,
    }


@pages.get("/aanmelding/<int:case_id>")
@login_required
def case(case_id):
    """An application's status page: summary, referees, steps, timeline and diagram."""
    application = queries.with_people(case_id)
    if application is None:
        abort(404)
    if not admission.may_view(application, current_user):
        abort(403)
    return render_template("admission/case.html", **page_context(application))


@pages.route("/aanmelding/<int:case_id>/wijzigen/<step>", methods=["GET", "POST"])
@login_required
def edit(case_id, step):
    """Change one step of a draft."""
    application = own_draft(case_id)
    if step not in steps.steps_for(application.route):
        abort(404)
    if application.state != State.CONCEPT:
        raise engine.AlreadyHandled(drafts.NOT_EDITABLE)
    context = edit_context(application, request.form)
    form = steps.make_form(step, False, application.route, data=queries.answers_of(application))
    adding = request.form.get("go") == ADD_REFEREE and step == "referenten"
    if request.method == "POST" and adding:
        form.add_referee()  # shown again with one referee more; nothing is saved yet
    elif request.method == "POST" and steps.validate(form, context):
        try:
            drafts.save_step(case_id, current_user, step, form.data)
        except Refused as refused:  # a name or address taken meanwhile: at its field
            if refused.field is None:
                raise
            form[refused.field].errors = [refused.message]
        else:
            missing = _count_missing(case_id) if step == "route" else None
            if missing:  # a route that pays per head: the count is asked next
                flash(f"Opgeslagen: route. {missing}", "warning")
                return redirect(url_for("apply.edit", case_id=case_id, step="organisatie"), 303)
            flash(f"Opgeslagen: {steps.STEPS[step].lower()}.", "success")
            return redirect(url_for("apply.case", case_id=case_id), code=303)
    return render_template(
        "admission/apply_edit.html",
        application=application,
        step=step,
        step_label=steps.STEPS[step],
        form=form,
        hints=steps.hints(context.route),
        case_id=case_id,
    )


def _count_missing(case_id):
    """What a draft whose new route asks a count still needs, or None."""
    application = queries.with_people(case_id)
    return pupils_problem(application.route, application.organisation.pupil_count)


@pages.post("/aanmelding/<int:case_id>/referent/<int:referee_id>/vervangen")
@login_required
def replace_referee(case_id, referee_id):
    """Ask someone else for a reference instead of a referee who does not answer."""
    application = own_draft(case_id)
    referee = Referee.get_or_none(Referee.id == referee_id, Referee.application == application)
    if referee is None:
        abort(404)
    form = ReplaceRefereeForm(prefix=f"r{referee_id}")
    others = [r.email for r in Referee.current(application) if r.id != referee_id]
    context = edit_context(application)
    context.values["other_referees"] = others
    status, message = 422, None
    if steps.validate(form, context):
        new_name = form.name.data
        try:
            replace(
                referee_id,
                current_user,
                new_name,
                form.email.data,
                form.organisation.data,
                form.relation.data,
            )
        except engine.WorkflowError as error:
            status, message = error.status, ("error", error.message)
        else:
            status, form = 200, None
            message = ("success", REPLACED.format(referee.name, new_name))
    return _replaced(application, referee_id, form, status, message)


def _replaced(application, referee_id, form, status, message):
    if htmx.is_htmx() or (form is not None and message is None):
        context = page_context(application, {referee_id: form} if form else {}, message)
        return htmx.render(
            "admission/case.html", "admission/_apply_referees.html", status_code=status, **context
        )
    flash(message[1], message[0])
    return redirect(url_for("apply.case", case_id=application.id), code=303)
