"""Answering through the single-use link in the invitation mail: no login needed."""

from flask import redirect, render_template, request, url_for

from intranet import tokens
from intranet.network import bp, links
from intranet.network.models import Invitation, Meeting
from intranet.network.routes.meetings import SUCCESS
from intranet.network.rsvp import STARTED, AnswerRefused, answer


def _closed(message, status):
    """The page for a link that cannot be used: says why, changes nothing."""
    return render_template("network/link_closed.html", message=message), status


def _open(token):
    """(payload, invitation) for a usable link, or (None, the page that says why not)."""
    try:
        payload = links.read(token)
    except tokens.LinkError as error:
        return None, _closed(error.message, 400)
    invitation = (
        Invitation.select(Invitation, Meeting)
        .join(Meeting)
        .where(Invitation.id == payload["s"])
        .get_or_none()
    )
    if invitation is None:
        return None, _closed(tokens.INVALID, 400)
    if invitation.meeting.has_started:
        return None, _closed(STARTED, 409)
    return payload, invitation


@bp.route("/antwoord/<token>", methods=["GET", "POST"])
def answer_link(token):
    """Say komt or komt niet from the link in the mail; the link then is used up."""
    payload, invitation = _open(token)
    if payload is None:
        return invitation
    error = None
    if request.method == "POST":
        try:
            done = answer(
                invitation.meeting_id,
                invitation.user_id,
                request.form.get("answer", ""),
                before_commit=lambda: links.consume(payload),
            )
        except tokens.LinkError as refused:
            return _closed(refused.message, 400)
        except AnswerRefused as refused:
            if refused.status != 422:
                return _closed(refused.message, refused.status)
            error = refused.message
        else:
            return redirect(url_for("network.answered", answer=done.answer), code=303)
    page = render_template(
        "network/answer_link.html", invitation=invitation, meeting=invitation.meeting, error=error
    )
    return page, (422 if error else 200)


@bp.get("/antwoord/ontvangen")
def answered():
    """Thanks for answering."""
    message = SUCCESS.get(request.args.get("answer", ""), "Uw antwoord is ontvangen.")
    return render_template("network/answered.html", message=message)
