"""The regiegroep: escalated cases, their discussion, and the voorzitter's decision."""

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_login import current_user

from intranet import htmx
from intranet.admission.models import Comment
from intranet.admission.workflow import WORKFLOW as admission
from intranet.security import role_required
from intranet.workflows.routes import case_context
from intranet.workflows.states import AdmissionState as State

from .dossier import (
    application_or_404,
    decision,
    dossier,
    escalation,
    regiegroep_lists,
    vote_view,
)
from .forms import CommentForm

bp = Blueprint("regiegroep", __name__, url_prefix="/regiegroep")
DECIDED = "Over deze aanmelding is al besloten; reageren kan niet meer."


@bp.get("/")
@role_required("regiegroep")
def index():
    """Escalated cases waiting for a decision, and earlier decisions."""
    return render_template("admission/regiegroep.html", workflow=admission, **regiegroep_lists())


@bp.get("/<int:case_id>")
@role_required("regiegroep")
def case(case_id):
    """The whole case: dossier, every vote, why it came here, the discussion, the decision."""
    return _page(_escalated_or_403(case_id), CommentForm(formdata=None))


@bp.post("/<int:case_id>/reacties")
@role_required("regiegroep")
def comment(case_id):
    """Add a contribution to the discussion; htmx swaps in the updated discussion."""
    application = _escalated_or_403(case_id)
    form = CommentForm()
    if application.state != State.REGIEGROEP:
        return _page(application, form, message=("error", DECIDED), status=409)
    if not form.validate():
        return _page(application, form, status=422)
    Comment.create(application=application, author=current_user.id, text=form.text.data.strip())
    if not htmx.is_htmx():
        flash("Uw reactie is geplaatst.", "success")
        return redirect(url_for("regiegroep.case", case_id=case_id, _anchor="reacties"), code=303)
    return _page(application, CommentForm(formdata=None), ("success", "Uw reactie is geplaatst."))


def _escalated_or_403(case_id):
    application = application_or_404(case_id)
    if application.escalated_at is None:
        abort(403)  # not (yet) a matter for the regiegroep
    return application


def _page(application, form, message=None, status=200):
    """The case page, or only the discussion for htmx."""
    return_to = url_for("regiegroep.case", case_id=application.id)
    return htmx.render(
        "admission/regiegroep_case.html",
        "admission/_comments.html",
        status_code=status,
        **dossier(application),
        **case_context(admission, application, current_user, return_to=return_to),
        view=vote_view(application, current_user),
        reason=escalation(application),
        decision=decision(application),
        comments=list(Comment.for_application(application)),
        form=form,
        comment_message=message,
    )
