"""Meetings as iCalendar events (Europe/Amsterdam), for downloads and the calendar feed.

`events_for(user)` is what a per-user calendar feed calls: one VEVENT (start, end, place,
time zone) for every published meeting the person is invited to and has not declined;
`meetings_for(user)` gives the same meetings as rows, for a feed that writes its own events.
"""

from datetime import UTC

from icalendar import Calendar, Event

from intranet.clock import AMSTERDAM
from intranet.mail import external_url
from intranet.network.models import KOMT, KOMT_NIET, Invitation, Meeting
from intranet.workflows.states import MeetingState

PRODID = "-//De Leidse Aanpak//Intranet//NL"
DOMAIN = "leidseaanpak.example.org"


def _local(moment):
    """A stored naive UTC moment as an aware Amsterdam datetime (TZID in the file)."""
    return moment.replace(tzinfo=UTC).astimezone(AMSTERDAM)


def event(meeting, answer=None):
    """One meeting as a VEVENT (its UID stays the same when the meeting changes)."""
    item = Event()
    item.add("uid", f"bijeenkomst-{meeting.id}@{DOMAIN}")
    item.add("dtstamp", _local(meeting.published_at or meeting.created_at))
    item.add("dtstart", _local(meeting.starts_at))
    item.add("dtend", _local(meeting.ends_at))
    item.add("summary", meeting.title)
    item.add("location", meeting.location)
    item.add("description", meeting.description)
    if meeting.is_public:
        item.add("url", external_url("network.public_meeting", meeting_id=meeting.id))
    else:
        item.add("url", external_url("network.meeting", case_id=meeting.id))
    item.add("status", "CANCELLED" if meeting.state == MeetingState.CALLED_OFF else "CONFIRMED")
    if answer == KOMT:
        item.add("transp", "OPAQUE")
    return item


def calendar(events, name="De Leidse Aanpak"):
    """A VCALENDAR holding the events, with its Amsterdam time zone."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Europe/Amsterdam")
    for item in events:
        cal.add_component(item)
    cal.add_missing_timezones()
    return cal


def attachment(reference):
    """The outbox's attachment "bijeenkomst:<id>": the meeting's .ics as it is when sent."""
    meeting = Meeting.get_or_none(Meeting.id == int(reference))
    if meeting is None:
        raise ValueError(f"bijeenkomst {reference} bestaat niet meer")
    return "bijeenkomst.ics", "text/calendar", meeting_ics(meeting)


def meeting_ics(meeting):
    """The .ics file of one meeting, as bytes."""
    return calendar([event(meeting)], name=meeting.title).to_ical()


def meetings_for(user):
    """The published and called-off meetings the user is invited to and did not decline,
    soonest first; each with `.answer`, the person's answer (for feeds that build their own
    entries)."""
    invitations = (
        Invitation.select(Invitation, Meeting)
        .join(Meeting)
        .where(
            Invitation.user == user.id,
            Invitation.answer != KOMT_NIET,
            Meeting.state.in_([MeetingState.PUBLISHED, MeetingState.CALLED_OFF]),
        )
        .order_by(Meeting.starts_at)
    )
    meetings = []
    for invitation in invitations:
        invitation.meeting.answer = invitation.answer
        meetings.append(invitation.meeting)
    return meetings


def events_for(user):
    """VEVENTs of the user's meetings (see `meetings_for`): what a per-user feed includes."""
    return [event(meeting, meeting.answer) for meeting in meetings_for(user)]
