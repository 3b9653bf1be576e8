"""Every person's private calendar feed: the deadlines that concern them, as iCalendar that the
`icalendar` library reads back; renewing the link ends the old one."""

import re
from datetime import UTC, date, timedelta

import icalendar

from intranet.admission.models import Application
from intranet.calendar.models import CalendarFeed
from intranet.clock import today
from tests.support.decide import people, text
from tests.support.network_support import published
from tests.support.rounds_support import open_renewal, renewal_setup
from tests.support.weekly_support import at_vote


def _link(client):
    client.post("/agenda/vernieuwen")
    page = text(client.get("/agenda/"))
    return re.search(r'value="http://localhost(/agenda/[^"]+\.ics)"', page).group(1)


def _events(client, path):
    response = client.get(path)
    assert response.status_code == 200 and response.mimetype == "text/calendar"
    calendar = icalendar.Calendar.from_ical(response.data)
    return {str(event["summary"]): event for event in calendar.walk("VEVENT")}


def test_the_feed_holds_a_members_vote_deadlines_at_their_moment(client, login, make_user):
    cast = people(make_user)
    case = at_vote(make_user(), cast.leader, name="Muziekschool Leiden")
    login(cast.members[0])
    path = _link(client)
    client.post("/uitloggen")  # the calendar app has no login: the secret in the link is enough
    events = _events(client, path)
    event = events["Stemmen: Stem over de aanmelding van Muziekschool Leiden"]
    deadline = Application.get_by_id(case.id).vote_deadline
    assert event.decoded("dtstart") == deadline.replace(tzinfo=UTC, microsecond=0)
    assert str(event["url"]).endswith(f"/stemmen/{case.id}")
    assert len(events) == 1  # the same vote's closing is not listed twice


def test_a_contactpersoon_sees_the_last_day_to_sign_as_a_whole_day(
    client, login, make_user, make_organisation
):
    contact = make_user(organisation=make_organisation(name="Museum Boerhaave"))
    _, following = renewal_setup()
    open_renewal(following, days=30)
    login(contact)
    events = _events(client, _link(client))
    event = events["Ondertekenen: Teken het nieuwe convenant voor Museum Boerhaave"]
    assert event.decoded("dtstart") == today() + timedelta(days=30)
    assert isinstance(event.decoded("dtstart"), date)


def test_the_projectleider_sees_votes_and_rounds_closing(client, login, make_user):
    cast = people(make_user)
    at_vote(make_user(), cast.leader, name="Bakkerij")
    _, following = renewal_setup()
    open_renewal(following, days=20)
    login(cast.leader)
    summaries = set(_events(client, _link(client)))
    assert "Stemming sluit: Bakkerij" in summaries
    assert any(s.startswith("Ronde sluit: Ondertekenronde") for s in summaries)


def test_renewing_the_link_ends_the_old_one(client, login, make_user):
    user = make_user("projectgroep")
    login(user)
    old = _link(client)
    new = _link(client)
    assert old != new
    assert client.get(new).status_code == 200
    gone = client.get(old)
    assert gone.status_code == 404 and "Deze agendalink werkt niet (meer)" in text(gone)
    assert CalendarFeed.select().count() == 1


def test_an_unknown_or_inactive_link_says_so(client, login, make_user):
    assert client.get("/agenda/verzonnen.ics").status_code == 404
    assert client.get("/agenda/" + "x" * 300 + ".ics").status_code == 404
    user = make_user()
    login(user)
    path = _link(client)
    user.active = False
    user.save()
    assert client.get(path).status_code == 404


def test_the_link_page_needs_a_login_and_renewing_a_post(client):
    assert client.get("/agenda/").status_code == 302
    assert client.get("/agenda/vernieuwen").status_code == 405


def test_the_feed_holds_the_meetings_the_person_is_invited_to(client, login, make_user):
    leader, guest = make_user("projectleider"), make_user("projectgroep")
    published(leader, people=(guest,), title="Verkenners ontmoet verkenners")
    login(guest)
    events = _events(client, _link(client))
    meeting = events["Verkenners ontmoet verkenners"]
    assert str(meeting.decoded("dtstart").tzinfo) == "Europe/Amsterdam"
