"""Attendance, on a phone: one tap per person marks them present (or not any more); people
registered without an account stand on the list with their organisation, and walk-ins are
added on the day."""

from flask import abort, flash, redirect, render_template, request, url_for

from intranet import htmx
from intranet.models import Contact, Organisation
from intranet.network import registration
from intranet.network.forms import WalkInForm
from intranet.network.models import KOMT, Invitation, Registration
from intranet.network.routes import meeting_or_404
from intranet.network.rsvp import mark_attendance
from intranet.pages import Pages
from intranet.refusals import Refused
from intranet.security import role_required

pages = Pages()


def _people(meeting):
    """Everyone coming first, then the others who answered or not; by name. Each invitee
    has `.organisation_name`: the organisations they speak for (one query for all)."""
    rows = list(Invitation.listing(meeting))
    names = {}
    query = (
        Contact.select(Contact.user, Organisation.name)
        .join(Organisation)
        .where(Contact.user.in_([row.user_id for row in rows]))
        .order_by(Organisation.name)
        .tuples()
    )
    for user_id, name in query:
        names.setdefault(user_id, []).append(name)
    for row in rows:
        row.organisation_name = ", ".join(names.get(row.user_id, []))
    return sorted(rows, key=lambda row: row.answer != KOMT)


def _guests(meeting):
    """Registrations without an account (and walk-ins): coming first, by name."""
    return sorted(Registration.listing(meeting), key=lambda row: row.answer != KOMT)


def _page(meeting, form, status=200):
    people, guests = _people(meeting), _guests(meeting)
    present = sum(1 for person in people + guests if person.attended)
    page = render_template(
        "network/attendance.html",
        meeting=meeting,
        people=people,
        guests=guests,
        present=present,
        form=form,
    )
    return page, status


@pages.get("/bijeenkomsten/<int:meeting_id>/aanwezigheid")
@role_required("projectleider")
def attendance(meeting_id):
    """The list to tick people off at the door."""
    meeting = meeting_or_404(meeting_id)
    return _page(meeting, WalkInForm(organisations=registration.organisations()))


@pages.post("/bijeenkomsten/<int:meeting_id>/inloop")
@role_required("projectleider")
def walk_in(meeting_id):
    """Add someone who walks in on the day: on the list, present."""
    meeting = meeting_or_404(meeting_id)
    form = WalkInForm(organisations=registration.organisations())
    if not form.validate_on_submit():
        return _page(meeting, form, 422)
    try:
        added = registration.add_walk_in(
            meeting, form.name.data, form.organisation_id, form.organisation_other.data
        )
    except Refused as refused:
        flash(refused.message, "error")
        return redirect(url_for("network.attendance", meeting_id=meeting.id), code=303)
    flash(f"{added.name} staat op de lijst, aanwezig.", "success")
    return redirect(
        url_for("network.attendance", meeting_id=meeting.id) + f"#gast-{added.id}", code=303
    )


@pages.post("/bijeenkomsten/<int:meeting_id>/aanwezigheid/gast/<int:registration_id>")
@role_required("projectleider")
def mark_guest(meeting_id, registration_id):
    """Mark one person registered without an account present or absent (htmx: their row)."""
    return _marked(meeting_id, registration_id, GUESTS)


@pages.post("/bijeenkomsten/<int:meeting_id>/aanwezigheid/<int:invitation_id>")
@role_required("projectleider")
def mark(meeting_id, invitation_id):
    """Mark one person present or absent; htmx swaps their row."""
    return _marked(meeting_id, invitation_id, INVITEES)


# The two kinds of row on the list: (how to mark one, its model, its row template, the name
# the template gives it, its anchor).
INVITEES = (mark_attendance, Invitation, "network/_attendance_row.html", "person", "persoon")
GUESTS = (
    registration.mark_attendance,
    Registration,
    "network/_guest_row.html",
    "guest",
    "gast",
)


def _marked(meeting_id, row_id, kind):
    """Mark a row of the list present or absent: htmx gets the row again (with the refusal,
    if any), a plain form the list at that row."""
    marking, model, template, name, anchor = kind
    meeting = meeting_or_404(meeting_id)
    present = request.form.get("present") == "1"
    message, status = None, 200
    try:
        marking(meeting, row_id, present)
    except Refused as refused:
        if refused.status == 404:
            raise  # the one error path answers it
        if not htmx.is_htmx():
            flash(refused.message, "error")
            return redirect(url_for("network.attendance", meeting_id=meeting.id), code=303)
        message, status = ("error", refused.message), refused.status
    row = model.listing(meeting).where(model.id == row_id).get_or_none()
    if row is None:  # refused for another reason first (not yet), and not of this meeting
        abort(404)
    if htmx.is_htmx():
        return htmx.render(
            "network/attendance.html",
            template,
            status_code=status,
            meeting=meeting,
            message=message,
            **{name: row},
        )
    return redirect(
        url_for("network.attendance", meeting_id=meeting.id) + f"#{anchor}-{row.id}", code=303
    )
