"""The feed's events, from one explicit list of sources, written as iCalendar.

A source takes a person and returns `Entry` rows, or ready iCalendar events (the network's
meetings come as VEVENTs from `intranet.network.calendar.events_for`). To add anything else
with a date, write one function and add it to SOURCES.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import icalendar
from flask import request, url_for

from intranet.admission.models import Application
from intranet.clock import now
from intranet.deadlines import day_closed_by
from intranet.network.calendar import events_for as meetings
from intranet.rounds.models import rounds_in_progress
from intranet.tasks.sources import tasks_for
from intranet.workflows.states import AdmissionState

PRODID = "-//De Leidse Aanpak//Intranet//NL"


@dataclass
class Entry:
    """One event: a deadline at a moment (naive UTC) or on a day, with a link to act on it."""

    uid: str
    summary: str
    when: datetime | date
    url: str = ""
    description: str = ""


def _when(moment):
    """A deadline that closes a day is that whole day; others keep their time (deadlines.py)."""
    return day_closed_by(moment) or moment


def _as_entry(task):
    return Entry(
        f"taak-{task.uid}", f"{task.kind}: {task.title}", _when(task.due), task.url, task.detail
    )


def task_deadlines(user):
    """The deadlines of the person's tasks (votes to cast, signatures and invitations due)."""
    return [_as_entry(task) for task in tasks_for(user)[0] if task.due]


def vote_deadlines(user):
    """Every open vote's deadline, for the projectgroep (voted or not) and the projectleider."""
    if not user.has_role("projectgroep", "projectleider"):
        return []
    return [
        Entry(
            f"stemming-{a.id}",
            f"Stemming sluit: {a.organisation.name}",
            a.vote_deadline,
            url_for("votes.vote", case_id=a.id),
        )
        for a in Application.listing(AdmissionState.VOTE)
    ]


def round_deadlines(user):
    """The last day of every running round, for the projectleider."""
    if not user.has_role("projectleider"):
        return []
    return [
        Entry(
            f"ronde-{r.id}",
            f"Ronde sluit: {r.label}",
            _when(r.deadline),
            url_for("rounds.round_page", round_id=r.id),
        )
        for r in rounds_in_progress()
    ]


# Every source of the feed, in one list: deadlines, and the meetings the person is invited to.
SOURCES = (task_deadlines, vote_deadlines, round_deadlines, meetings)


def entries_for(user):
    """The person's events from every source, each once (first source wins), by date."""
    seen, entries = set(), []
    for source in SOURCES:
        for entry in source(user):
            if isinstance(entry, icalendar.Event):
                entries.append(entry)  # a meeting, written by the network itself
                continue
            key = entry.uid.removeprefix("taak-")
            if key not in seen:
                seen.add(key)
                entries.append(entry)
    return entries


def to_ical(user, entries):
    """The events as an iCalendar document (bytes)."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "De Leidse Aanpak: mijn termijnen")
    calendar.add("x-wr-timezone", "Europe/Amsterdam")
    stamp = now().replace(tzinfo=UTC)
    host = request.host if request else "intranet"
    for entry in entries:
        if isinstance(entry, icalendar.Event):
            calendar.add_component(entry)
            continue
        event = icalendar.Event()
        event.add("uid", f"{entry.uid}-{user.id}@{host}")
        event.add("dtstamp", stamp)
        event.add("summary", entry.summary)
        if isinstance(entry.when, datetime):
            event.add("dtstart", entry.when.replace(tzinfo=UTC))
        else:
            event.add("dtstart", entry.when)
            event.add("dtend", entry.when + timedelta(days=1))
        url = request.host_url.rstrip("/") + entry.url if entry.url.startswith("/") else entry.url
        if url:
            event.add("url", url)
        event.add("description", "\n".join(filter(None, [entry.description, url])))
        calendar.add_component(event)
    calendar.add_missing_timezones()  # meetings carry Europe/Amsterdam times
    return calendar.to_ical()
