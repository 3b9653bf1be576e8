"""The projectgroep's votes: the open votes, voting on one (changeable while open), and
the projectgroep's discussion of it with the projectleider."""

from functools import partial

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from intranet import htmx
from intranet.admission.decide.comments import FRAGMENT, discussion_context, post_comment
from intranet.admission.decide.dossier import application_or_404, dossier, open_votes, vote_view
from intranet.admission.decide.forms import VoteForm
from intranet.admission.discussion import PROJECTGROEP
from intranet.admission.models import Application
from intranet.admission.vote_rule import Tally
from intranet.admission.workflow import WORKFLOW as admission
from intranet.security import role_required
from intranet.workflows import engine

bp = Blueprint("votes", __name__, url_prefix="/stemmen")
VOTERS = ("projectgroep", "projectleider")
PANEL = "admission/_vote_panel.html"


@bp.get("/")
@role_required(*VOTERS)
def index():
    """Open votes with their deadline and whether I voted; recently closed votes."""
    return render_template(
        "admission/votes.html",
        votes=open_votes(current_user),
        closed=Application.vote_closed_recently(),
        is_member=current_user.has_role("projectgroep"),
        workflow=admission,
    )


@bp.route("/<int:case_id>", methods=["GET", "POST"])
@role_required(*VOTERS)
def vote(case_id):
    """The vote page: the dossier and the vote panel; posting casts or changes my vote."""
    if request.method == "GET":
        return _panel(_nominated_or_404(case_id))
    if not current_user.has_role("projectgroep"):
        abort(403)
    form = VoteForm()
    if not form.validate():
        return _panel(_nominated_or_404(case_id), form=form, status=422)
    try:  # the engine reads the case under its lock: no read before it
        acted = engine.act(
            admission,
            case_id,
            "stemmen",
            current_user._get_current_object(),
            data={"choice": form.choice.data, "motivation": form.motivation.data or ""},
        )
    except (engine.ConditionFailed, engine.AlreadyHandled) as error:  # the panel again
        application = _nominated_or_404(case_id)  # never put to the vote: a 404
        return _panel(application, message=("error", error.message), status=error.status)
    message = "Uw stem is vastgelegd."
    if acted.settled:
        label = admission.state_label(acted.settled.dest).lower()
        message += f" Daarmee is de stemming gesloten: {label}."
    if not htmx.is_htmx():
        flash(message, "success")
        return redirect(url_for("votes.vote", case_id=case_id), code=303)
    counted = {key: acted.facts[key] for key in ("members", "voor", "tegen", "twijfel")}
    view = vote_view(acted.case, current_user, acted.done.result, Tally(**counted))
    return _panel(acted.case, message=("success", message), view=view)


@bp.post("/<int:case_id>/reacties")
@role_required(*VOTERS)
def comment(case_id):
    """Add to the projectgroep's discussion of the case; htmx swaps in the discussion."""
    application = _nominated_or_404(case_id)
    return post_comment(application, PROJECTGROEP, "votes.vote", partial(_discussion, application))


def _nominated_or_404(case_id):
    application = application_or_404(case_id)
    if application.vote_deadline is None:
        abort(404)  # never put to the vote
    return application


def _panel(application, form=None, message=None, status=200, view=None):
    """The vote page, or only its panel for htmx (which needs no dossier)."""
    return _render(application, PANEL, status, _panel_context(application, form, message, view))


def _discussion(application, form=None, message=None, status=200):
    """The vote page, or only its discussion for htmx."""
    context = discussion_context(application, PROJECTGROEP, form, message)
    return _render(application, FRAGMENT, status, context)


def _render(application, fragment, status, shown):
    """The whole vote page (dossier, discussion, panel), or for htmx only the fragment: the
    parts not given in `shown` are read only for the whole page."""
    context = {"application": application, "workflow": admission, **shown}
    if not htmx.is_htmx():
        if "view" not in context:
            context |= _panel_context(application)
        if "discussion" not in context:
            context |= discussion_context(application, PROJECTGROEP)
        context = dossier(application) | context
    return htmx.render("admission/vote.html", fragment, status_code=status, **context)


def _panel_context(application, form=None, message=None, view=None):
    shown = view or vote_view(application, current_user)
    return {"view": shown, "message": message, "form": form or _form_for(shown)}


def _form_for(view):
    """The vote form holding my current choice and motivation, if I voted: a change starts
    from what I said before."""
    mine = view.my_vote
    data = {"choice": mine.choice, "motivation": mine.motivation} if mine else {}
    return VoteForm(formdata=None, data=data)
