"""The projectleider's administration: the outbox and the accounts."""

from flask import Blueprint, render_template
from playhouse.flask_utils import get_object_or_404

from intranet.models import OutboxMessage
from intranet.security import role_required

bp = Blueprint("beheer", __name__, url_prefix="/beheer")


@bp.get("/outbox")
@role_required("projectleider")
def outbox():
    """Every e-mail the intranet sent or keeps, newest first."""
    return render_template("beheer/outbox.html", messages=OutboxMessage.newest(200))


@bp.get("/outbox/<int:message_id>")
@role_required("projectleider")
def message(message_id):
    """One e-mail in full."""
    return render_template(
        "beheer/message.html",
        message=get_object_or_404(OutboxMessage, OutboxMessage.id == message_id),
    )
