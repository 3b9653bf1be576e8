"""A public meeting's own page: registering without an account, confirming, cancelling."""

from flask import abort, redirect, render_template, request, url_for

from intranet import throttle
from intranet.network import registration
from intranet.network.forms import RegistrationForm
from intranet.network.routes import meeting_or_404
from intranet.network.rsvp import is_full
from intranet.pages import Pages
from intranet.refusals import Refused
from intranet.workflows.states import MeetingState

pages = Pages()

CONFIRMED = {
    "komt": "Uw aanmelding is bevestigd: u komt. U krijgt een e-mail met de bijeenkomst als "
    "agenda-bestand en een link om af te melden.",
    "wachtlijst": "Uw aanmelding is bevestigd. De bijeenkomst is vol: u staat op de "
    "wachtlijst. Komt er een plaats vrij, dan krijgt u bericht.",
}


def _public_or_404(meeting_id):
    meeting = meeting_or_404(meeting_id)
    if not meeting.is_public or meeting.state == MeetingState.CONCEPT:
        abort(404)
    return meeting


@pages.route("/agenda/<int:meeting_id>", methods=["GET", "POST"])
def public_meeting(meeting_id):
    """A public meeting, and the form to register for it without an account (every POST
    counts against the client's address and the address typed in: RATE_LIMITS)."""
    meeting = _public_or_404(meeting_id)
    if request.method == "POST":
        throttle.hit("meeting-registration", request.form.get("email", "")[:200] or None)
    form = RegistrationForm(organisations=registration.organisations())
    status = 200
    if form.validate_on_submit():
        try:
            registration.register(
                meeting.id,
                form.name.data,
                form.email.data,
                form.organisation_id,
                form.organisation_other.data,
            )
        except Refused as refused:
            if refused.field:
                form[refused.field].errors = [refused.message]
            else:
                form.form_errors = [refused.message]
            status = refused.status
        else:
            return redirect(url_for("network.registered", meeting_id=meeting.id), code=303)
    elif form.errors:
        status = 422
    page = render_template(
        "network/public_meeting.html",
        meeting=meeting,
        form=form,
        full=is_full(meeting),
        programme=list(meeting.programme()),
    )
    return page, status


@pages.get("/agenda/<int:meeting_id>/aangemeld")
def registered(meeting_id):
    """Look in your mail (the same words whatever the address: nothing is revealed)."""
    return render_template("network/registered.html", meeting=_public_or_404(meeting_id))


def _closed(refused):
    return render_template("network/link_closed.html", message=refused.message), refused.status


@pages.route("/aanmelding/<token>/bevestigen", methods=["GET", "POST"])
def confirm_registration(token):
    """Confirm a registration with the link in the mail (a button, so a mail scanner that
    opens links confirms nothing)."""
    try:
        found, meeting = registration.find(token)
    except Refused as refused:
        return _closed(refused)
    if request.method == "POST":
        try:
            done = registration.confirm(token)
        except Refused as refused:
            return _closed(refused)
        return render_template(
            "network/registration_done.html", meeting=meeting, message=CONFIRMED[done.answer]
        )
    return render_template(
        "network/registration_link.html", meeting=meeting, person=found, action="bevestigen"
    )


@pages.route("/aanmelding/<token>/afmelden", methods=["GET", "POST"])
def cancel_registration(token):
    """Cancel a registration with the link in the mail."""
    try:
        found, meeting = registration.find(token)
    except Refused as refused:
        return _closed(refused)
    if request.method == "POST":
        try:
            registration.cancel(token)
        except Refused as refused:
            return _closed(refused)
        message = "U bent afgemeld. Jammer dat u niet komt; uw plaats gaat naar een ander."
        return render_template("network/registration_done.html", meeting=meeting, message=message)
    return render_template(
        "network/registration_link.html", meeting=meeting, person=found, action="afmelden"
    )
