"""Builders for the network tests: meetings drafted and published through the engine."""

from datetime import timedelta

from intranet.clock import now
from intranet.network.meeting_workflow import WORKFLOW
from intranet.network.models import Invitation, Meeting
from intranet.workflows import engine


def draft(leader, *, people=(), days=7, capacity=None, audience="personen", **fields):
    """A meeting in concept `days` from now, inviting the named people."""
    starts = now().replace(microsecond=0) + timedelta(days=days)
    values = {
        "kind": "netwerkbijeenkomst",
        "title": "Netwerkbijeenkomst",
        "starts_at": starts,
        "ends_at": starts + timedelta(hours=2),
        "location": "LLokaal met LEF",
        "capacity": capacity,
        "audience": audience,
        "named_emails": "\n".join(person.email for person in people),
        "created_by": leader.id,
    }
    values.update(fields)
    return engine.create_case(WORKFLOW, leader, **values)


def published(leader, **kwargs):
    """A meeting published (its invitations written, their mails queued)."""
    meeting = draft(leader, **kwargs)
    engine.fire(WORKFLOW, meeting.id, "publiceren", leader)
    return Meeting.get_by_id(meeting.id)


def answers(meeting):
    """{user_id: answer} of a meeting's invitations."""
    query = Invitation.select().where(Invitation.meeting == meeting.id)
    return {invitation.user_id: invitation.answer for invitation in query}


def begin(meeting, minutes_ago=5):
    """Let the meeting have started some minutes ago."""
    Meeting.update(starts_at=now() - timedelta(minutes=minutes_ago)).where(
        Meeting.id == meeting.id
    ).execute()
    return Meeting.get_by_id(meeting.id)
