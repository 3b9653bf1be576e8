"""Meetings: the list, drafting, the meeting's page with its programme, answering, .ics."""

from flask import abort, flash, make_response, redirect, render_template, request, url_for
from flask_login import current_user

from intranet import htmx
from intranet.clock import local
from intranet.deadlines import last_day
from intranet.extensions import login_manager
from intranet.network import calendar, meetings
from intranet.network.forms import MeetingForm, PartForm
from intranet.network.meeting_workflow import WORKFLOW
from intranet.network.models import Contribution, Invitation, Meeting, Network, Registration
from intranet.network.routes import meeting_or_404
from intranet.network.rsvp import answer, change_capacity, is_full
from intranet.pages import Pages
from intranet.pagination import paginate
from intranet.refusals import Refused
from intranet.security import login_required, role_required
from intranet.workflows import engine
from intranet.workflows.models import AuditEvent
from intranet.workflows.routes import action_groups
from intranet.workflows.states import MeetingState

pages = Pages()

PER_PAGE = 50
SUCCESS = {
    "komt": "Genoteerd: u komt.",
    "wachtlijst": "De bijeenkomst is vol: u staat op de wachtlijst. Komt er een plaats vrij, "
    "dan krijgt u bericht.",
    "komt_niet": "Genoteerd: u komt niet.",
}


@pages.get("/bijeenkomsten/")
@login_required
def meetings_index():
    """The user's invitations; for the projectleider every meeting too."""
    everything = list(Meeting.overview()) if current_user.has_role("projectleider") else None
    mine = list(Invitation.of_user(current_user))
    return render_template("network/meetings.html", mine=mine, everything=everything)


@pages.get("/agenda")
def agenda():
    """Published public meetings, for everyone."""
    return render_template("network/agenda.html", meetings=list(Meeting.upcoming_public()))


def _visible(meeting):
    """Concepts are the projectleider's; published meetings every logged-in person's."""
    if meeting.state == MeetingState.CONCEPT and not current_user.has_role("projectleider"):
        abort(404)


def _answer_block(meeting, message=None, status=200):
    """The meeting page, or only the answer block for htmx."""
    leader = current_user.has_role("projectleider")
    context = {
        "meeting": meeting,
        "invitation": Invitation.of(meeting, current_user),
        "full": is_full(meeting),
        "message": message,
    }
    if not htmx.is_htmx():
        actions = engine.actions_for(WORKFLOW, meeting, current_user) if leader else []
        context.update(
            programme=list(meeting.programme()),
            counts=meeting.counts(),
            invitees=paginate(Invitation.listing(meeting), PER_PAGE) if leader else None,
            contributions=list(Contribution.of_meeting(meeting)) if leader else None,
            registrations=list(Registration.listing(meeting)) if leader else None,
            workflow=WORKFLOW,
            actions=actions,
            groups=action_groups(actions),
            staff=leader,
            events=list(AuditEvent.for_case(WORKFLOW.name, meeting.id)) if leader else [],
            case=meeting,
            part_form=PartForm(formdata=None, networks=Network.listing()),
            capacity_form=None,
        )
    return htmx.render(
        "network/meeting.html", "network/_answer.html", status_code=status, **context
    )


@pages.get("/bijeenkomsten/<int:case_id>")
@login_required
def meeting(case_id):
    """A meeting: when, where, its programme, your answer; the invitees for the projectleider.

    (Its argument is `case_id`: this is the case page of the meeting's workflow.)
    """
    found = meeting_or_404(case_id)
    _visible(found)
    return _answer_block(found)


@pages.post("/bijeenkomsten/<int:meeting_id>/antwoord")
@login_required
def respond(meeting_id):
    """Say komt or komt niet (a full meeting puts a komt on the waiting list)."""
    found = meeting_or_404(meeting_id)
    _visible(found)
    try:
        invitation = answer(found.id, current_user.id, request.form.get("answer", ""))
    except Refused as refused:
        if not htmx.is_htmx():
            flash(refused.message, "error")
            return redirect(url_for("network.meeting", case_id=found.id), code=303)
        return _answer_block(found, ("error", refused.message), refused.status)
    text = SUCCESS[invitation.answer]
    if htmx.is_htmx():
        return _answer_block(Meeting.get_by_id(found.id), ("success", text))
    flash(text, "success")
    return redirect(url_for("network.meeting", case_id=found.id), code=303)


@pages.get("/bijeenkomsten/<int:meeting_id>/agenda.ics")
def ics(meeting_id):
    """The meeting as an iCalendar file (public meetings for everyone, others after login)."""
    found = meeting_or_404(meeting_id)
    if found.state == MeetingState.CONCEPT:
        abort(404)
    if found.audience != "publiek" and not current_user.is_authenticated:
        return login_manager.unauthorized()
    response = make_response(calendar.meeting_ics(found))
    response.mimetype = "text/calendar"
    response.headers["Content-Disposition"] = f'attachment; filename="bijeenkomst-{found.id}.ics"'
    return response


@pages.route("/bijeenkomsten/nieuw", methods=["GET", "POST"])
@role_required("projectleider")
def new_meeting():
    """Draft a meeting (published from its page)."""
    form = MeetingForm(networks=Network.listing())
    if form.validate_on_submit():
        created = meetings.draft(form, current_user)
        flash(
            "De bijeenkomst is opgeslagen als concept. Stel het programma samen en publiceer.",
            "success",
        )
        return redirect(url_for("network.meeting", case_id=created.id), code=303)
    status = 422 if form.errors else 200
    return render_template("network/meeting_form.html", form=form, meeting=None), status


@pages.route("/bijeenkomsten/<int:meeting_id>/bewerken", methods=["GET", "POST"])
@role_required("projectleider")
def edit_meeting(meeting_id):
    """Change a concept; of a published meeting only the capacity."""
    found = meeting_or_404(meeting_id)
    if not meetings.is_concept(found):
        return _capacity(found)
    form = MeetingForm(obj=found, networks=Network.listing())
    if request.method == "GET":
        form.day.data = local(found.starts_at).date()
        form.starts.data = local(found.starts_at).time()
        form.ends.data = local(found.ends_at).time()
        form.walk_in.data = local(found.walk_in_at).time() if found.walk_in_at else None
        if found.registration_closes_at:
            form.registration_deadline.data = last_day(found.registration_closes_at)
        form.networks.data = found.audience_network_ids()
    if form.validate_on_submit():
        meetings.update_draft(found, form)
        flash("De bijeenkomst is bijgewerkt.", "success")
        return redirect(url_for("network.meeting", case_id=found.id), code=303)
    status = 422 if form.errors else 200
    return render_template("network/meeting_form.html", form=form, meeting=found), status


def _capacity(found):
    """The capacity of a published meeting: never below the number already coming."""
    error = None
    if request.method == "POST":
        raw = request.form.get("capacity", "").strip()
        if raw and not (raw.isdecimal() and 0 < int(raw) <= 100_000):
            error = "Vul een aantal plaatsen in (1 of meer), of laat het leeg voor onbeperkt."
        else:
            try:
                change_capacity(found.id, int(raw) if raw else None)
            except Refused as refused:
                error = refused.message
            else:
                flash("Het aantal plaatsen is aangepast.", "success")
                return redirect(url_for("network.meeting", case_id=found.id), code=303)
    page = render_template("network/capacity.html", meeting=found, error=error)
    return page, (422 if error else 200)


@pages.post("/bijeenkomsten/<int:meeting_id>/onderdelen")
@role_required("projectleider")
def add_part(meeting_id):
    """Add a part to the programme."""
    found = meeting_or_404(meeting_id)
    form = PartForm(networks=Network.listing())
    if not form.validate_on_submit():
        flash("Vul een titel in voor het onderdeel.", "error")
        return redirect(url_for("network.meeting", case_id=found.id) + "#programma", code=303)
    meetings.add_part(found, form.title.data, form.description.data, form.network.data)
    flash("Het onderdeel staat in het programma.", "success")
    return redirect(url_for("network.meeting", case_id=found.id) + "#programma", code=303)
