"""The projectleider reminds those who have not answered a vote or a round."""

from flask import Blueprint, flash, redirect, request, url_for
from flask_login import current_user

from intranet import htmx
from intranet.refusals import Refused
from intranet.reminders.sending import remind_by_hand, reminder_state
from intranet.security import role_required, safe_next

bp = Blueprint("reminders", __name__)
PAGES = {"vote": ("votes.vote", "case_id"), "round": ("rounds.round_page", "round_id")}


def _remind(subject, subject_id):
    endpoint, argument = PAGES[subject]
    page = url_for(endpoint, **{argument: subject_id})
    try:
        count = remind_by_hand(subject, subject_id, current_user._get_current_object())
    except Refused as refused:
        if refused.status == 404:
            raise  # the one error answer
        message, status = ("error", refused.message), refused.status
    else:
        who = "lid" if subject == "vote" and count == 1 else "leden"
        if subject == "round":
            who = "contactpersoon" if count == 1 else "contactpersonen"
        message = ("success", f"Herinnering verstuurd aan {count} {who} die nog niet reageerden.")
        status = 200
    if not htmx.is_htmx():
        flash(message[1], message[0])
        back = request.form.get("next", "")
        return redirect(safe_next(back) if back else page, code=303)
    return htmx.render(
        "reminders/_remind.html",
        "reminders/_remind.html",
        status_code=status,
        subject=subject,
        subject_id=subject_id,
        state=reminder_state(subject, subject_id),
        message=message,
    )


@bp.post("/stemmen/<int:case_id>/herinneren")
@role_required("projectleider")
def remind_voters(case_id):
    """Remind the projectgroep members who have not voted (at most once a day)."""
    return _remind("vote", case_id)


@bp.post("/convenant/ronde/<int:round_id>/herinneren")
@role_required("projectleider")
def remind_round(round_id):
    """Remind the partners that have not answered the round (at most once a day)."""
    return _remind("round", round_id)
