"""The projectleider's inbox: check, ask, nominate, reject, escalate, record votes."""

from flask import Blueprint, current_app, flash, redirect, render_template, url_for
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from intranet.admission.apply.queries import likely_matches
from intranet.admission.workflow import WORKFLOW as admission
from intranet.clock import today
from intranet.formats import day_numbers
from intranet.models import User
from intranet.security import role_required
from intranet.workflows import engine
from intranet.workflows.routes import case_context
from intranet.workflows.states import AdmissionState as State

from . import matching
from .dossier import application_or_404, dossier, inbox, vote_view
from .forms import NominateForm, RecordVoteForm

bp = Blueprint("inbox", __name__, url_prefix="/aanmeldingen")


@bp.get("/")
@role_required("projectleider")
def index():
    """Applications needing the projectleider, by state."""
    return render_template("admission/inbox.html", **inbox())


@bp.get("/<int:case_id>")
@role_required("projectleider")
def case(case_id):
    """The whole case for the projectleider, with the steps open to them."""
    return _case_page(application_or_404(case_id))


def _record_form(submitted=False):
    """The form to record a member's vote: empty, or as posted."""
    form = RecordVoteForm() if submitted else RecordVoteForm(formdata=None)
    form.member.choices = [SelectChoice("", "— kies een lid —")] + [
        SelectChoice(user.id, user.name) for user in User.in_group("projectgroep")
    ]
    return form


def _case_page(application, record_form=None, record_message=None, status=200):
    context = case_context(
        admission,
        application,
        current_user,
        return_to=url_for("inbox.case", case_id=application.id),
    )
    page = render_template(
        "admission/inbox_case.html",
        **dossier(application),
        **context,
        view=vote_view(application, current_user),
        record_form=record_form or _record_form(),
        record_message=record_message,
        matches=list(likely_matches(application.organisation)),  # the projectleider decides
        may_link=application.state in matching.LINKABLE,
    )
    return page, status


@bp.post("/<int:case_id>/koppelen/<int:organisation_id>")
@role_required("projectleider")
def link_organisation(case_id, organisation_id):
    """The projectleider decides the application is for this existing organisation."""
    match = matching.link_to_existing(case_id, organisation_id, current_user)
    flash(f"De aanmelding hoort nu bij {match.name}.", "success")
    return redirect(url_for("inbox.case", case_id=case_id), code=303)


@bp.route("/<int:case_id>/voordragen", methods=["GET", "POST"])
@role_required("projectleider")
def nominate(case_id):
    """Nominate an uitgebreid application to the projectgroep with a vote deadline."""
    application = application_or_404(case_id)
    form = NominateForm()
    if not form.is_submitted():
        form.expected_state.data = application.state
        form.deadline.data = today() + current_app.config["VOTE_DURATION"]
        _check_nominate(application)
    elif form.validate():
        engine.fire(
            admission,
            application.id,
            "voordragen",
            current_user,
            expected_state=form.expected_state.data or application.state,
            data={"deadline": form.deadline_utc()},
        )
        flash(
            f"{application.organisation.name} is voorgedragen; de projectgroep kan stemmen tot "
            f"en met {day_numbers(form.deadline.data)}.",
            "success",
        )
        return redirect(url_for("inbox.case", case_id=application.id), code=303)
    status = 422 if form.errors else 200
    return render_template(
        "admission/inbox_nominate.html", form=form, **dossier(application)
    ), status


def _check_nominate(application):
    """Refuse to show the form when this application cannot be nominated now."""
    if application.state != State.WITH_LEADER:
        label = admission.state_label(application.state)
        raise engine.AlreadyHandled(engine.ALREADY_HANDLED.format(label))
    if admission.transition("voordragen", application) is None:
        raise engine.ConditionFailed(
            "Deze aanmelding heeft recht op lidmaatschap: bevestig haar in plaats daarvan."
        )


@bp.post("/<int:case_id>/stem-vastleggen")
@role_required("projectleider")
def record_vote(case_id):
    """Record the vote a member gave in a meeting or by phone, on their behalf."""
    application = application_or_404(case_id)
    form = _record_form(submitted=True)
    if not form.validate():
        return _case_page(application, record_form=form, status=422)
    member = User.get_by_id(form.member.data)
    try:
        closing = engine.act(
            admission,
            application.id,
            "stem_vastleggen",
            current_user._get_current_object(),
            data={
                "member": member.id,
                "choice": form.choice.data,
                "motivation": form.motivation.data or "",
            },
        )
    except (engine.ConditionFailed, engine.AlreadyHandled) as error:  # the form again
        application = application_or_404(case_id)
        return _case_page(application, form, error.message, status=error.status)
    message = f"De stem van {member.name} is vastgelegd."
    if closing.settled:
        closed = closing.settled.dest
        message += f" De stemming is gesloten: {admission.state_label(closed).lower()}."
    flash(message, "success")
    return redirect(url_for("inbox.case", case_id=application.id), code=303)
