"""Every meeting has an iCalendar file (Europe/Amsterdam), and feeds each invitee's calendar."""

from datetime import datetime
from zoneinfo import ZoneInfo

from icalendar import Calendar

from intranet.clock import utc
from intranet.network.calendar import calendar, event, events_for, meetings_for
from intranet.network.models import Meeting
from intranet.network.rsvp import answer
from tests.support.network_support import published

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def _at(meeting, day, start, end):
    """Move a meeting to a local day and times (stored as UTC)."""
    Meeting.update(starts_at=utc(day, start), ends_at=utc(day, end)).where(
        Meeting.id == meeting.id
    ).execute()
    return Meeting.get_by_id(meeting.id)


def test_the_ics_file_holds_the_meeting_in_amsterdam_time(client, make_user):
    leader = make_user("projectleider")
    meeting = published(leader, audience="publiek", title="LEFtival", location="LLokaal met LEF")
    meeting = _at(
        meeting,
        datetime(2027, 10, 7).date(),
        datetime(2000, 1, 1, 13).time(),
        datetime(2000, 1, 1, 18).time(),
    )
    response = client.get(f"/bijeenkomsten/{meeting.id}/agenda.ics")
    assert response.status_code == 200 and response.mimetype == "text/calendar"
    parsed = Calendar.from_ical(response.data)
    (item,) = parsed.walk("VEVENT")
    assert str(item["summary"]) == "LEFtival" and str(item["location"]) == "LLokaal met LEF"
    start, end = item.decoded("dtstart"), item.decoded("dtend")
    assert start == datetime(2027, 10, 7, 13, 0, tzinfo=AMSTERDAM)
    assert str(start.tzinfo) == "Europe/Amsterdam" and end.hour == 18
    assert item["dtstart"].params["TZID"] == "Europe/Amsterdam"
    assert [tz["tzid"] for tz in parsed.walk("VTIMEZONE")] == ["Europe/Amsterdam"]


def test_winter_time_is_kept_too(make_user):
    leader = make_user("projectleider")
    meeting = _at(
        published(leader, audience="publiek"),
        datetime(2027, 1, 12).date(),
        datetime(2000, 1, 1, 9).time(),
        datetime(2000, 1, 1, 10, 30).time(),
    )
    (parsed,) = Calendar.from_ical(calendar([event(meeting)]).to_ical()).walk("VEVENT")
    assert parsed.decoded("dtstart") == datetime(2027, 1, 12, 9, 0, tzinfo=AMSTERDAM)
    assert parsed.decoded("dtstart").utcoffset().total_seconds() == 3600


def test_the_feed_function_gives_the_meetings_a_person_did_not_decline(make_user):
    leader, person = make_user("projectleider"), make_user()
    coming = published(leader, people=[person], title="Komt")
    declined = published(leader, people=[person], title="Komt niet")
    published(leader, people=[make_user()], title="Niet uitgenodigd")
    answer(coming.id, person.id, "komt")
    answer(declined.id, person.id, "komt_niet")
    events = events_for(person)
    assert [str(e["summary"]) for e in events] == ["Komt"]
    assert [(m.title, m.answer) for m in meetings_for(person)] == [("Komt", "komt")]
    parsed = Calendar.from_ical(calendar(events).to_ical())
    assert [str(e["uid"]) for e in parsed.walk("VEVENT")] == [
        f"bijeenkomst-{coming.id}@leidseaanpak.example.org"
    ]
