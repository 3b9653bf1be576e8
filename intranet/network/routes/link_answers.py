"""Answering through the single-use link in the invitation mail: no login needed."""

from flask import redirect, render_template, request, url_for

from intranet import tokens
from intranet.network import links
from intranet.network.models import Invitation, Meeting
from intranet.network.routes.meeting_pages import SUCCESS
from intranet.network.rsvp import STARTED, answer
from intranet.pages import Pages
from intranet.refusals import Refused

pages = Pages()


def _closed(refused):
    """The page for a link that cannot be used: says why, changes nothing."""
    return render_template("network/link_closed.html", message=refused.message), refused.status


def _open(token):
    """(payload, invitation) for a usable link; raises a refusal saying why not."""
    payload = links.read(token)
    invitation = (
        Invitation.select(Invitation, Meeting)
        .join(Meeting)
        .where(Invitation.id == payload["s"])
        .get_or_none()
    )
    if invitation is None:
        raise tokens.LinkError(tokens.INVALID)
    if invitation.meeting.has_started:
        raise Refused(STARTED, 409)
    return payload, invitation


@pages.route("/antwoord/<token>", methods=["GET", "POST"])
def answer_link(token):
    """Say komt or komt niet from the link in the mail; the link then is used up."""
    try:
        payload, invitation = _open(token)
    except Refused as refused:
        return _closed(refused)
    error = None
    if request.method == "POST":
        try:
            done = answer(
                invitation.meeting_id,
                invitation.user_id,
                request.form.get("answer", ""),
                before_commit=lambda: links.consume(payload),
            )
        except Refused as refused:  # the link, or the answer: only a choice is asked again
            if refused.status != 422:
                return _closed(refused)
            error = refused.message
        else:
            return redirect(url_for("network.answered", answer=done.answer), code=303)
    page = render_template(
        "network/answer_link.html", invitation=invitation, meeting=invitation.meeting, error=error
    )
    return page, (422 if error else 200)


@pages.get("/antwoord/ontvangen")
def answered():
    """Thanks for answering."""
    message = SUCCESS.get(request.args.get("answer", ""), "Uw antwoord is ontvangen.")
    return render_template("network/answered.html", message=message)
