"""The Leden page: who sits where (current and planned seats, ended ones, the changes), and
the projectleider's seat actions: add a seat, end one, choose the voorzitter."""

from datetime import timedelta

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user

from intranet.clock import today
from intranet.models import GROUPS, Membership, User
from intranet.pages import Pages
from intranet.people import audit, seats
from intranet.people.forms import EndSeatForm, SeatForm
from intranet.refusals import Refused
from intranet.security import role_required

pages = Pages()

READERS = ("projectleider", "projectgroep", "regiegroep")


def _leden(seat_form=None, status=200):
    roster = list(Membership.roster())
    current_counts, chair_missing = seats.overview(roster)
    return render_template(
        "people/leden.html",
        current_counts=current_counts,
        groups=GROUPS,
        roster=roster,
        ended=list(Membership.ended()),
        changes=list(audit.recent()),
        chair_missing=chair_missing,
        today=today(),
        manager=current_user.has_role("projectleider"),
        seat_form=seat_form or _new_seat_form(),
        end_form=EndSeatForm(formdata=None, data={"ends_on": today()}),
    ), status


def _new_seat_form():
    start = today()
    try:
        end = start.replace(year=start.year + 4)
    except ValueError:  # 29 February
        end = start + timedelta(days=4 * 365)
    email = request.args.get("email", "")[:200]
    return SeatForm(formdata=None, data={"starts_on": start, "ends_on": end, "email": email})


@pages.get("/")
@role_required(*READERS)
def leden():
    """Who sits in the projectleider, projectgroep and regiegroep groups, and since when."""
    return _leden()


@pages.post("/zetels")
@role_required("projectleider")
def add_seat():
    """Give a person (an existing account) a seat."""
    form = SeatForm()
    if form.validate():
        user = User.by_email(form.email.data)
        if user is None:
            form.email.errors.append(
                "Er is geen account met dit adres. Nodig de persoon eerst uit."
            )
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
                )
            except Refused as refused:
                form.group.errors.append(refused.message)
            else:
                flash(f"{user.name} heeft een zetel in de {seat.group}.", "success")
                return redirect(url_for("people.leden"), code=303)
    return _leden(form, 422)


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
    """Make a regiegroep member the voorzitter."""
    return _seat_action(
        seats.make_voorzitter, "{name} is nu voorzitter van de regiegroep.", seat_id
    )
