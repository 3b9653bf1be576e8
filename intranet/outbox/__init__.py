"""The projectleider's outbox: every e-mail the intranet sent or keeps, sent again on request."""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user
from playhouse.flask_utils import get_object_or_404

from intranet import htmx, logs
from intranet.mail_delivery import requeue
from intranet.models import MAIL_STATUSES, OutboxMessage
from intranet.pagination import paginate
from intranet.redaction import redact
from intranet.security import role_required

bp = Blueprint("outbox", __name__, url_prefix="/beheer")
PER_PAGE = 50


@bp.get("/outbox")
@role_required("projectleider")
def outbox():
    """Every e-mail the intranet sent or keeps, newest first; searchable, by status."""
    text = request.args.get("zoek", "").strip()[:200]
    status = request.args.get("status") if request.args.get("status") in MAIL_STATUSES else None
    return htmx.render(
        "outbox/outbox.html",
        "outbox/_outbox_list.html",
        page=paginate(OutboxMessage.search(text, status), PER_PAGE),
        text=text,
        status=status,
        statuses=MAIL_STATUSES,
    )


@bp.get("/outbox/<int:message_id>")
@role_required("projectleider")
def message(message_id):
    """One e-mail in full."""
    message = get_object_or_404(OutboxMessage, OutboxMessage.id == message_id)
    return render_template(
        "outbox/message.html", message=message, body=redact(message.body, message.to)
    )


@bp.post("/outbox/<int:message_id>/opnieuw")
@role_required("projectleider")
def resend(message_id):
    """Put a failed e-mail back in the queue; the mail sender sends it within seconds."""
    message = get_object_or_404(OutboxMessage, OutboxMessage.id == message_id)
    if not requeue([message.id]):
        flash("Dit bericht is al afgehandeld: het is niet (meer) mislukt.", "info")
    else:
        logs.event("mail_resend", user_id=current_user.id, message_id=message.id)
        flash("Het bericht staat weer in de wachtrij en wordt zo verstuurd.", "success")
    return redirect(url_for("outbox.message", message_id=message.id))


@bp.post("/outbox/opnieuw")
@role_required("projectleider")
def resend_failed():
    """Put every failed e-mail back in the queue; the next tick sends them."""
    count = requeue()
    logs.event("mail_resend_all", user_id=current_user.id, count=count)
    flash(f"{count} mislukte berichten staan weer in de wachtrij.", "success")
    return redirect(url_for("outbox.outbox", status="queued"))
