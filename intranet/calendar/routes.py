"""The feed (behind its secret, no login) and the page to get or renew the link."""

from flask import Blueprint, flash, make_response, redirect, render_template, url_for
from flask_login import current_user

from intranet.calendar.feed import entries_for, to_ical
from intranet.calendar.models import CalendarFeed
from intranet.db import write_transaction
from intranet.glossary import CALENDAR_LINK_GONE
from intranet.refusals import Refused
from intranet.security import login_required

bp = Blueprint("calendar", __name__, url_prefix="/agenda")


@bp.get("/")
@login_required
def settings():
    """The person's calendar link, with how to use it and a button to renew it."""
    return render_template("calendar/settings.html", feed=CalendarFeed.of(current_user))


@bp.post("/vernieuwen")
@login_required
def renew():
    """Make a (new) secret link; the old one stops working."""
    with write_transaction():
        had = CalendarFeed.of(current_user) is not None
        CalendarFeed.renew(current_user)
    flash(
        "Uw nieuwe agendalink staat hieronder; de oude werkt niet meer."
        if had
        else "Uw agendalink staat hieronder.",
        "success",
    )
    return redirect(url_for("calendar.settings"), code=303)


@bp.get("/<token>.ics")
def feed(token):
    """The person's deadlines as iCalendar, for any calendar app that subscribes to it."""
    user = CalendarFeed.owner(token)
    if user is None:
        raise Refused(CALENDAR_LINK_GONE, 404)  # an unknown secret
    response = make_response(to_ical(user, entries_for(user)))
    response.mimetype = "text/calendar"
    response.headers["Content-Disposition"] = 'inline; filename="leidse-aanpak.ics"'
    response.headers["Cache-Control"] = "private, max-age=300"
    return response
