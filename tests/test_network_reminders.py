"""Reminders: the day before a meeting once, however often tick runs; jaargesprekken."""

from datetime import date, datetime, timedelta

from intranet.clock import local
from intranet.models import OutboxMessage
from intranet.network import jaargesprek
from intranet.network.jaargesprek import NetworkYear
from intranet.network.meeting_workflow import WORKFLOW
from intranet.network.netwerkjaar_workflow import ensure_year
from intranet.network.rsvp import answer
from intranet.schooljaar import schooljaar_of
from intranet.workflows import engine
from intranet.workflows.models import Deadline
from intranet.workflows.timers import tick
from tests.support.network_support import published
from tests.support.races import ticks_at_once


def _reminders(subject="Herinnering:"):
    return OutboxMessage.select().where(OutboxMessage.subject.startswith(subject))


def test_the_reminder_goes_the_day_before_to_everyone_coming_once(make_user):
    leader = make_user("projectleider")
    coming, declined, silent = make_user(), make_user(), make_user()
    meeting = published(leader, people=[coming, declined, silent], days=3)
    answer(meeting.id, coming.id, "komt")
    answer(meeting.id, declined.id, "komt_niet")
    tick(meeting.starts_at - timedelta(days=2))
    assert not _reminders().exists()
    day_before = meeting.starts_at - timedelta(hours=23)
    tick(day_before)
    tick(day_before)
    tick(day_before + timedelta(hours=1))
    assert [message.to for message in _reminders()] == [coming.email]
    assert "/antwoord/" in _reminders().get().body


def test_two_ticks_at_the_same_moment_send_the_reminder_once(app, make_user):
    leader = make_user("projectleider")
    people = [make_user() for _ in range(3)]
    meeting = published(leader, people=people, days=3)
    for person in people:
        answer(meeting.id, person.id, "komt")
    moment = meeting.starts_at - timedelta(hours=12)
    ticks_at_once(app, moment)
    assert sorted(message.to for message in _reminders()) == sorted(p.email for p in people)


def test_a_called_off_meeting_sends_no_reminder(make_user):
    leader, person = make_user("projectleider"), make_user()
    meeting = published(leader, people=[person], days=3)
    answer(meeting.id, person.id, "komt")
    engine.fire(WORKFLOW, meeting.id, "afgelasten", leader, comment="De zaal is niet beschikbaar.")
    tick(meeting.starts_at - timedelta(hours=12))
    assert not _reminders().exists()
    called_off = OutboxMessage.get(OutboxMessage.subject.startswith("Afgelast"))
    assert called_off.to == person.email and "zaal" in called_off.body


def test_the_jaargesprek_reminder_lists_partners_without_one_after_the_set_date(
    app, make_user, make_organisation
):
    leader = make_user("projectleider")
    planned = make_organisation(name="Gepland")
    make_organisation(name="Vergeten")
    make_organisation(name="Oud", status="oud_partner")
    year = 2025
    jaargesprek.save(planned, year, leader, planned_on=date(2025, 11, 3), who="Projectleider")
    ensure_year(year)
    ensure_year(year)  # a second call plans nothing twice
    assert Deadline.select().where(Deadline.workflow == "netwerkjaar").count() == 2
    assert app.config["JAARGESPREK_PLANNED_BY"] == (12, 1)
    tick(jaargesprek_day(year) - timedelta(days=1))
    assert not _reminders("Jaargesprekken").exists()
    tick(jaargesprek_day(year) + timedelta(hours=10))
    tick(jaargesprek_day(year) + timedelta(days=3))
    (message,) = _reminders("Jaargesprekken")
    assert message.to == leader.email
    assert (
        "Vergeten" in message.body and "Gepland" not in message.body and "Oud" not in message.body
    )
    assert message.subject.endswith(": 1 partner zonder afspraak")


def test_the_end_of_a_schooljaar_opens_the_next_with_its_own_reminder(make_user):
    make_user("projectleider")
    ensure_year(2025)
    tick(jaargesprek_day(2026) - timedelta(days=100))  # 1 August 2026 and later
    years = {year.schooljaar: year.state for year in NetworkYear.select()}
    assert years == {2025: "afgesloten", 2026: "lopend"}


def jaargesprek_day(year):
    """The moment of the reminder in that schooljaar (1 December, 08:00 UTC is after it)."""
    return datetime(year, 12, 1, 8, 0)


def test_publishing_a_meeting_opens_its_schooljaar_with_the_jaargesprek_reminder(make_user):
    leader = make_user("projectleider")
    meeting = published(leader, people=[make_user()])
    year = schooljaar_of(local(meeting.starts_at).date())
    assert [y.schooljaar for y in NetworkYear.select()] == [year]
    actions = {d.action for d in Deadline.select().where(Deadline.workflow == "netwerkjaar")}
    assert actions == {"herinneren", "afsluiten"}
    published(leader, people=[make_user()])
    assert Deadline.select().where(Deadline.workflow == "netwerkjaar").count() == 2
