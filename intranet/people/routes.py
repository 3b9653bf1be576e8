"""The Leden page: who sits where (current and planned seats, ended ones, the changes), and
the projectleider's seat actions: add a seat, end one, choose the voorzitter."""

from datetime import timedelta

from flask import flash, redirect, render_template, url_for
from flask_login import current_user

from intranet.clock import today
from intranet.models import GROUPS, Membership, User
from intranet.pages import Pages
from intranet.people import audit, seats
from intranet.people.forms import EndSeatForm, SeatForm
from intranet.people.models import ChairProposal
from intranet.refusals import Refused
from intranet.security import query_id, role_required
from intranet.workflows.states import ChairOutcome

pages = Pages()

READERS = ("projectleider", "projectgroep", "regiegroep")


def _leden(seat_form=None, status=200):
    roster = list(Membership.roster())
    current_counts, chair_missing = seats.overview(roster)
    me = current_user._get_current_object()
    proposal = ChairProposal.waiting()
    manager = me.has_role("projectleider")
    return render_template(
        "people/leden.html",
        current_counts=current_counts,
        groups=GROUPS,
        roster=roster,
        ended=list(Membership.ended()),
        changes=list(audit.recent()),
        chair_missing=chair_missing,
        today=today(),
        manager=manager,
        seat_form=(seat_form or _new_seat_form()) if manager else None,
        end_form=EndSeatForm(formdata=None, data={"ends_on": today()}),
        proposal=proposal,
        may_decide=seats.may_decide_voorzitter(proposal, me),
    ), status


def _people():
    """The active accounts a seat can be given to: everyone but oneself, by name."""
    query = (
        User.select(User.id, User.name, User.email)
        .where(User.active, User.id != current_user.id)
        .order_by(User.name, User.id)
    )
    return [(user.id, f"{user.name} ({user.email})") for user in query]


def _new_seat_form():
    start = today()
    try:
        end = start.replace(year=start.year + 4)
    except ValueError:  # 29 February
        end = start + timedelta(days=4 * 365)
    chosen = query_id("persoon")
    form = SeatForm(formdata=None, data={"starts_on": start, "ends_on": end})
    return form.people(_people(), chosen)


@pages.get("/")
@role_required(*READERS)
def leden():
    """Who sits in the projectleider, projectgroep and regiegroep groups, and since when."""
    return _leden()


@pages.post("/zetels")
@role_required("projectleider")
def add_seat():
    """Give a person (an existing account, chosen from the list) a seat."""
    form = SeatForm().people(_people())
    if form.validate():
        user = (
            User.get_or_none(User.id == int(form.person.data))
            if form.person.data.isdigit()
            else None
        )
        if user is None:
            form.person.errors.append("Kies een persoon uit de lijst.")
        else:
            try:
                seat = seats.add_seat(
                    user,
                    form.group.data,
                    form.starts_on.data,
                    form.ends_on.data,
                    current_user._get_current_object(),
                    werkveld=form.werkveld.data,
                    hoofdthema=form.hoofdthema.data,
                    voorzitter=form.voorzitter.data,
                    over_plan=form.over_plan.data,
                )
            except Refused as refused:
                if refused.status == 403:
                    raise
                form[refused.field or "group"].errors.append(refused.message)
            else:
                flash(f"{user.name} heeft een zetel in de {seat.group}.", "success")
                if form.voorzitter.data and not seat.voorzitter:
                    flash(PROPOSED.format(name=user.name), "info")
                return redirect(url_for("people.leden"), code=303)
    return _leden(form, 422)


PROPOSED = (
    "{name} is voorgesteld als voorzitter. De huidige voorzitter of een ander lid van de "
    "regiegroep bevestigt het; de regiegroep heeft een e-mail gekregen."
)


def _seat_action(action, done, *args):
    seat = action(*args, current_user._get_current_object())
    flash(done.format(name=seat.user.name), "success")
    return redirect(url_for("people.leden"), code=303)


@pages.post("/zetels/<int:seat_id>/beeindigen")
@role_required("projectleider")
def end_seat(seat_id):
    """End a seat on a day (today, or later)."""
    form = EndSeatForm()
    if not form.validate():
        raise Refused(" ".join(form.ends_on.errors) or "Vul de datum in.")
    return _seat_action(
        seats.end_seat, "De zetel van {name} is beëindigd.", seat_id, form.ends_on.data
    )


@pages.post("/zetels/<int:seat_id>/voorzitter")
@role_required("projectleider")
def make_voorzitter(seat_id):
    """Propose a regiegroep member as voorzitter (at once when there is none)."""
    proposal = seats.make_voorzitter(seat_id, current_user._get_current_object())
    seat = Membership.get_by_id(seat_id)
    if proposal is None:
        flash(f"{seat.user.name} is nu voorzitter van de regiegroep.", "success")
    else:
        flash(PROPOSED.format(name=seat.user.name), "success")
    return redirect(url_for("people.leden"), code=303)


@pages.post("/voorzitter/<int:proposal_id>/<any(bevestigen, afwijzen):answer>")
@role_required("regiegroep")
def decide_voorzitter(proposal_id, answer):
    """The voorzitter or another regiegroep member confirms or declines a new voorzitter."""
    proposal = seats.decide_voorzitter(
        proposal_id, answer == "bevestigen", current_user._get_current_object()
    )
    name = proposal.seat.user.name
    if proposal.outcome == ChairOutcome.CONFIRMED:
        flash(f"{name} is nu voorzitter van de regiegroep.", "success")
    else:
        flash(f"{name} wordt niet voorzitter; het voorstel is afgewezen.", "success")
    return redirect(url_for("people.leden"), code=303)
