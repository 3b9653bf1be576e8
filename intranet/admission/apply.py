"""The applicant's side: the application form and the case page."""

from flask import Blueprint, abort, render_template
from flask_login import current_user

from intranet.security import login_required
from intranet.workflows.admission import admission
from intranet.workflows.views import case_context

from .models import Application

bp = Blueprint("apply", __name__)


@bp.get("/aanmelden")
def start():
    """Start an application (multi-step form)."""
    return render_template("admission/start.html")


@bp.get("/mijn-aanmelding")
@login_required
def mine():
    """The applicant's applications."""
    applications = Application.with_organisation().where(Application.applicant == current_user.id)
    return render_template("admission/mine.html", applications=applications)


@bp.get("/aanmelding/<int:case_id>")
@login_required
def case(case_id):
    """An application's status page: status, steps, timeline and diagram."""
    application = Application.with_organisation().where(Application.id == case_id).get_or_none()
    if application is None:
        abort(404)
    if not admission.may_view(application, current_user):
        abort(403)
    return render_template(
        "admission/case.html", **case_context(admission, application, current_user)
    )
