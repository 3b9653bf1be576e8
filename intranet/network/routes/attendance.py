"""Attendance, on a phone: one tap per person marks them present (or not any more)."""

from flask import abort, flash, redirect, render_template, request, url_for

from intranet import htmx
from intranet.network.models import KOMT, Invitation
from intranet.network.routes import meeting_or_404
from intranet.network.rsvp import mark_attendance
from intranet.pages import Pages
from intranet.refusals import Refused
from intranet.security import role_required

pages = Pages()


def _people(meeting):
    """Everyone coming first, then the others who answered or not; by name."""
    rows = list(Invitation.listing(meeting))
    return sorted(rows, key=lambda row: row.answer != KOMT)


@pages.get("/bijeenkomsten/<int:meeting_id>/aanwezigheid")
@role_required("projectleider")
def attendance(meeting_id):
    """The list to tick people off at the door."""
    meeting = meeting_or_404(meeting_id)
    people = _people(meeting)
    present = sum(1 for person in people if person.attended)
    return render_template(
        "network/attendance.html", meeting=meeting, people=people, present=present
    )


@pages.post("/bijeenkomsten/<int:meeting_id>/aanwezigheid/<int:invitation_id>")
@role_required("projectleider")
def mark(meeting_id, invitation_id):
    """Mark one person present or absent; htmx swaps their row."""
    meeting = meeting_or_404(meeting_id)
    present = request.form.get("present") == "1"
    message, status = None, 200
    try:
        mark_attendance(meeting, invitation_id, present)
    except Refused as refused:
        if refused.status == 404:
            raise  # the one error path answers it
        if not htmx.is_htmx():
            flash(refused.message, "error")
            return redirect(url_for("network.attendance", meeting_id=meeting.id), code=303)
        message, status = ("error", refused.message), refused.status
    row = Invitation.listing(meeting).where(Invitation.id == invitation_id).get_or_none()
    if row is None:  # refused for another reason first (not yet), and not of this meeting
        abort(404)
    if htmx.is_htmx():
        return htmx.render(
            "network/attendance.html",
            "network/_attendance_row.html",
            status_code=status,
            meeting=meeting,
            person=row,
            message=message,
        )
    return redirect(
        url_for("network.attendance", meeting_id=meeting.id) + f"#persoon-{row.id}", code=303
    )
