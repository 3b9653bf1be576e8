"""The applicant's side: the multi-step form, their applications and the case page."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from intranet import security, throttle, tokens
from intranet.admission.eligibility import KNOWN_MUNICIPALITIES, ROUTE_FIT
from intranet.admission.workflow import WORKFLOW as admission
from intranet.models import User
from intranet.pages import Pages
from intranet.refusals import Refused
from intranet.security import login_required, query_id

from . import drafts, kept, queries, review, steps
from .forms import ADD_REFEREE
from .wizard import Wizard, sign_in

pages = Pages()

SAVED = (
    "Uw aanmelding is als concept opgeslagen. Dien haar hieronder in zodra u zover bent; "
    "tot dan kunt u alles nog wijzigen."
)
CONFIRM = " We hebben u een e-mail gestuurd om uw e-mailadres te bevestigen."
ALREADY_SAVED = "Deze aanmelding is al opgeslagen."
EDIT = "edit-"  # go=edit-<step>: from the last step back to one step, every answer kept


@pages.context_processor
def _form_extras():
    """What every form page of this blueprint needs: field attributes, municipalities."""
    return {
        "field_attrs": steps.FIELD_ATTRS,
        "municipalities": KNOWN_MUNICIPALITIES,
        "route_fit": ROUTE_FIT,
    }


LATER_STEPS = [step for step in steps.STEPS if step != "route"]  # the first is /aanmelden


def step_url(step):
    """The address of a step of the form."""
    return url_for("apply.start") if step == "route" else url_for("apply.step", step=step)


def _show(wizard, step, form=None, status=200):
    """Render one step of the form, at its own address."""
    form = form or wizard.form(step)
    order = wizard.steps()
    return render_template(
        "admission/start.html",
        wizard=wizard,
        step=step,
        form=form,
        steps=[(name, steps.STEPS[name]) for name in order],
        number=order.index(step) + 1,
        action=step_url(step),
        previous=wizard.previous(step) if order.index(step) else None,
        hints=steps.hints(wizard.route),
        case_id=None,
        drafts=queries.drafts_of(current_user) if step == "route" else [],
        summary=review.summary(wizard) if step == steps.REVIEW else [],
    ), status


def _see(step):
    return redirect(step_url(step), code=303)


@pages.route("/aanmelden", methods=["GET", "POST"])
@throttle.limited("apply")
def start():
    """The application form's first step: the route. Each step has its own address: route,
    organisation, (profile, referees,) contactpersoon, and the last step, which shows every
    answer and submits (or saves a draft). Each step is posted, kept and redirected
    (post/redirect/get), so Back and a closed tab lose nothing."""
    return _get("route") if request.method == "GET" else _post("route")


@pages.route("/aanmelden/<step>", methods=["GET", "POST"])
@throttle.limited("apply")
def step(step):
    """A later step of the application form, at its own address."""
    if step not in LATER_STEPS:
        abort(404)
    return _get(step) if request.method == "GET" else _post(step)


def _get(step):
    wizard = Wizard.load()
    if wizard.row is None and step != "route" and kept.saved_draft():
        return _already_saved()
    allowed = wizard.first_open(step)
    if allowed != step:
        return _see(allowed)
    return _show(wizard, step)


def _post(step):
    if step == steps.REVIEW and queries.is_used(request.form.get("submission", "")[:64]):
        return _already_saved()
    wizard = Wizard.load(posted_step=step)
    if step != wizard.first_open(step):
        return _see(wizard.first_open(step))
    go = request.form.get("go", "next")
    if go == "back":  # what was typed on this step is kept, unchecked, for later
        if step != steps.REVIEW:
            wizard.keep()
        return _see(wizard.previous(step))
    if go.startswith(EDIT) and go.removeprefix(EDIT) in wizard.steps():
        return _see(go.removeprefix(EDIT))
    if go == ADD_REFEREE and step == "referenten":  # kept as typed, unchecked, one more shown
        added = wizard.add_referee()
        wizard.keep()
        return redirect(f"{step_url(step)}#referent-{added}", code=303)
    if step == steps.REVIEW and go not in ("submit", "save"):
        return _see(step)
    failed, result = wizard.check(step)
    if failed:
        if step != steps.REVIEW:  # kept as typed, unchecked: a closed tab loses nothing
            wizard.keep()
        return _show(wizard, failed, result)
    if step == steps.REVIEW:
        return _save(wizard, result, submit=go == "submit")
    target = wizard.following(step)
    if target == steps.REVIEW:  # every step is checked again before the summary
        failed, result = wizard.check(wizard.steps()[-2])
        if failed:
            wizard.keep()
            return _show(wizard, failed, result)
    row = wizard.keep()
    if wizard.newcomer and step == "contactpersoon":
        kept.offer_return(row, wizard.values.get("contact_email"))
    return _see(target)


@pages.get("/aanmelden/verder/<token>")
@throttle.limited("apply")
def resume(token):
    """The link in the e-mail: this browser continues the kept form where it was."""
    kept.resume(token)
    flash("Uw antwoorden zijn bewaard; ga verder waar u was.", "info")
    return _see(Wizard.load().first_open(steps.REVIEW))


def _already_saved():
    flash(ALREADY_SAVED, "info")
    if current_user.is_authenticated:
        return redirect(url_for("apply.mine"), code=303)
    return redirect(url_for("auth.login", next=url_for("apply.mine")), code=303)


def _refuse(wizard, step, field, message):
    form = wizard.form(step)
    form[field].errors = [message]
    return _show(wizard, step, form)


def _save(wizard, answers, submit):
    """Save the draft (and the account, or log in to an existing one) once; submit it too
    unless the applicant chose to keep it as a draft."""
    user, account = None, None
    if not wizard.newcomer:
        user = User.get_by_id(current_user.id)
    elif queries.account_for(answers["contact_email"]):
        user, problem = sign_in(answers["contact_email"], answers["password"])
        if problem:
            return _refuse(wizard, steps.REVIEW, "password", problem)
    else:
        account = {
            "email": answers["contact_email"],
            "name": answers["contact_name"].strip(),
            "password": answers["password"],
        }
    try:
        application, user, said = drafts.create_draft(
            answers, wizard.nonce, user, account, submit=submit, form=wizard.row
        )
    except tokens.LinkError:
        return _already_saved()
    except Refused as refused:  # a name or address taken meanwhile: at its field
        if refused.field is None:
            raise
        step = "organisatie" if refused.field == "name" else "contactpersoon"
        return _refuse(wizard, step, refused.field, refused.message)
    if wizard.newcomer:
        security.start_session(user, remember=False)
    kept.saved(application.id)
    flash((said or SAVED) + (CONFIRM if account else ""), "success")
    return redirect(url_for("apply.case", case_id=application.id), code=303)


@pages.post("/aanmelden/controleer/<field>")
@throttle.limited("apply-check")
def check(field):
    """Validate one field as it is left (htmx): the field again, with its message."""
    newcomer = not current_user.is_authenticated
    step = steps.step_of(field, newcomer)
    if step is None or field == "password":
        abort(404)
    case_id = query_id("case_id")
    if case_id is None:
        wizard = Wizard.load(posted=True)
        context, route = wizard.context(), wizard.route
    else:
        application = own_draft(case_id)
        context = edit_context(application, request.form)
        route = context.route
    form = steps.make_form(step, newcomer, route)
    if field not in form:  # not asked on this route (the count for basis)
        abort(404)
    steps.validate(form, context)
    if (
        field == "contact_email"
        and not form[field].errors
        and queries.account_for(form[field].data)
    ):
        form[field].errors = [steps.EXISTING_ACCOUNT]
    return render_template(
        "admission/_apply_field.html", f=form[field], hints=steps.hints(route), case_id=case_id
    )


@pages.get("/mijn-aanmelding")
@login_required
def mine():
    """The applicant's applications."""
    return render_template(
        "admission/mine.html", applications=queries.of_applicant(current_user), workflow=admission
    )


def own_draft(case_id):
    """The current user's application, or 404 (unknown) / 403 (someone else's)."""
    if not current_user.is_authenticated:
        abort(403)
    application = queries.with_people(case_id)
    if application is None:
        abort(404)
    if application.applicant_id != current_user.id:
        abort(403)
    return application


def edit_context(application, posted=None):
    """The rules' view of a draft being changed: stored answers overlaid with the posted."""
    values = {**queries.answers_of(application), **(posted.to_dict() if posted else {})}
    return steps.Context(
        values=values,
        namesake=lambda name: queries.namesake(name, application.organisation_id),
        applicant_email=application.applicant.email,
    )
