"""A case dossier to print or keep as PDF: the application, references, votes, discussion
and the whole timeline, for the deciders who may see the case."""

from flask import Blueprint, abort, request, url_for
from flask_login import current_user

from intranet import printable
from intranet.admission.discussion import DISCUSSIONS
from intranet.admission.models import Comment
from intranet.admission.workflow import WORKFLOW as admission
from intranet.clock import now
from intranet.security import role_required
from intranet.workflows.models import AuditEvent

from .dossier import application_or_404, dossier, vote_view

bp = Blueprint("dossier", __name__)
DECIDERS = ("projectleider", "projectgroep", "regiegroep")


def _context(case_id):
    application = application_or_404(case_id)
    if not admission.may_view(application, current_user):
        abort(403)
    referrer = request.referrer or ""
    return {
        **dossier(application),
        "workflow": admission,
        "view": vote_view(application, current_user),
        "events": list(AuditEvent.for_case(admission.name, application.id)),
        "discussions": [
            (discussion, list(Comment.for_application(application, discussion.name)))
            for discussion in DISCUSSIONS
            if current_user.has_role("projectleider", *discussion.roles)
        ],
        "printed_at": now(),
        "back_url": referrer if referrer.startswith(request.host_url) else url_for("views.home"),
        "pdf_url": url_for("dossier.dossier_pdf", case_id=application.id),
    }


@bp.get("/aanmelding/<int:case_id>/dossier")
@role_required(*DECIDERS)
def dossier_print(case_id):
    """The dossier laid out for printing, its timeline in full."""
    return printable.print_page("admission/dossier_print.html", **_context(case_id))


@bp.get("/aanmelding/<int:case_id>/dossier.pdf")
@role_required(*DECIDERS)
def dossier_pdf(case_id):
    """The dossier as a PDF."""
    context = _context(case_id)
    name = f"dossier-{context['application'].id}.pdf"
    return printable.pdf_response("admission/dossier_print.html", name, **context)
