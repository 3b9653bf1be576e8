"""The regiegroep: escalated cases, their discussion, and the voorzitter's decision."""

from functools import partial

from flask import Blueprint, abort, render_template, url_for
from flask_login import current_user

from intranet import htmx
from intranet.admission.discussion import REGIEGROEP
from intranet.admission.workflow import WORKFLOW as admission
from intranet.security import role_required
from intranet.workflows.routes import case_context

from .comments import FRAGMENT, discussion_context, post_comment
from .dossier import (
    application_or_404,
    decision,
    dossier,
    escalation,
    regiegroep_lists,
    vote_view,
)

bp = Blueprint("regiegroep", __name__, url_prefix="/regiegroep")


@bp.get("/")
@role_required("regiegroep")
def index():
    """Escalated cases waiting for a decision, and earlier decisions."""
    return render_template("admission/regiegroep.html", workflow=admission, **regiegroep_lists())


@bp.get("/<int:case_id>")
@role_required("regiegroep")
def case(case_id):
    """The whole case: dossier, every vote, why it came here, the discussion, the decision."""
    return _page(_escalated_or_403(case_id))


@bp.post("/<int:case_id>/reacties")
@role_required("regiegroep")
def comment(case_id):
    """Add a contribution to the discussion; htmx swaps in the updated discussion."""
    application = _escalated_or_403(case_id)
    return post_comment(application, REGIEGROEP, "regiegroep.case", partial(_page, application))


def _escalated_or_403(case_id):
    application = application_or_404(case_id)
    if application.escalated_at is None:
        abort(403)  # not (yet) a matter for the regiegroep
    return application


def _page(application, form=None, message=None, status=200):
    """The case page, or only the discussion for htmx."""
    return_to = url_for("regiegroep.case", case_id=application.id)
    return htmx.render(
        "admission/regiegroep_case.html",
        FRAGMENT,
        status_code=status,
        **dossier(application),
        **case_context(admission, application, current_user, return_to=return_to),
        view=vote_view(application, current_user),
        reason=escalation(application),
        decision=decision(application),
        **discussion_context(application, REGIEGROEP, form, message),
    )
