"""The convenant text as a print view and a PDF: for anyone logged in, or a named signer."""

from functools import wraps

from flask import abort, request, url_for
from flask_login import current_user
from playhouse.flask_utils import get_object_or_404
from werkzeug.exceptions import Unauthorized

from intranet import printable
from intranet.clock import now
from intranet.pages import Pages
from intranet.rounds import signers
from intranet.rounds.models import ConvenantPeriod
from intranet.security import login_manager

pages = Pages()


def _readable_period(case_id):
    """The period, if the visitor is logged in or holds a live signer link for it."""
    period = get_object_or_404(ConvenantPeriod, ConvenantPeriod.id == case_id)
    if current_user.is_authenticated:
        return period, None
    token = request.args.get("token", "")
    if not token:
        raise Unauthorized  # answered by the login manager's redirect below
    _, invitation = signers.open_link(token)  # refused: the one error answer, says why
    if invitation.round.period_id != period.id:
        abort(403)
    return period, token


def _guarded(view):
    """Send a visitor without a link to the login page, as every other page does."""

    @wraps(view)
    def guarded(case_id):
        try:
            return view(case_id)
        except Unauthorized:
            return login_manager.unauthorized()

    return guarded


def _context(period, token):
    back = (
        url_for("rounds.sign_by_link", token=token)
        if token
        else request.referrer
        if request.referrer and request.referrer.startswith(request.host_url)
        else url_for("views.home")
    )
    return {
        "period": period,
        "printed_at": now(),
        "back_url": back,
        "pdf_url": url_for("rounds.convenant_pdf", case_id=period.id, token=token),
    }


@pages.get("/convenant/periode/<int:case_id>/afdrukken")
@_guarded
def convenant_print(case_id):
    """The convenant text laid out for printing, with lines to sign on paper."""
    period, token = _readable_period(case_id)
    return printable.print_page("rounds/convenant_print.html", **_context(period, token))


@pages.get("/convenant/periode/<int:case_id>/convenant.pdf")
@_guarded
def convenant_pdf(case_id):
    """The convenant text as a PDF."""
    period, token = _readable_period(case_id)
    name = f"convenant-{period.id}.pdf"
    return printable.pdf_response("rounds/convenant_print.html", name, **_context(period, token))
