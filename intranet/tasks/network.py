"""Tasks from the network and the fees: contributions to decide, jaargesprekken due,
attendance to record, overdue invoices, and meeting invitations to answer.

Each kind is a Source: the query of what waits (a row per task) and the task a row is.
"""

from datetime import timedelta

from flask import url_for
from peewee import SQL, Select, fn

from intranet.clock import now, today
from intranet.db import db
from intranet.deadlines import end_of
from intranet.fees.invoices import Invoice
from intranet.glossary import TASK_KINDS as KINDS
from intranet.models import Organisation
from intranet.network.jaargesprek import GEPLAND, Jaargesprek
from intranet.network.models import KOMT, UITGENODIGD, Contribution, Invitation, Meeting
from intranet.schooljaar import schooljaar_of
from intranet.tasks.task import Source, Task
from intranet.workflows.states import ContributionState, InvoiceState, MeetingState

JAARGESPREK_AHEAD = timedelta(days=7)  # a planned jaargesprek shows this long before its day
ATTENDANCE_WITHIN = timedelta(days=30)  # attendance is asked this long after a meeting


def _contributions(user):
    """Proposed contributions to a programme that wait for the projectleider's decision."""
    return (
        Contribution.select(Contribution, Meeting, Organisation)
        .join(Meeting)
        .switch(Contribution)
        .join(Organisation)
        .where(Contribution.state == ContributionState.SUBMITTED)
        .order_by(Meeting.starts_at)
    )


def _contribution_task(contribution, user):
    return Task(
        KINDS["beoordelen"],
        f"Beoordeel de bijdrage ‘{contribution.title}’ van {contribution.organisation.name}",
        url_for("network.contribution", case_id=contribution.id),
        contribution.meeting.starts_at,
        detail=f"Voor {contribution.meeting.title}.",
        uid=f"bijdrage-{contribution.id}",
    )


def _jaargesprekken(user):
    """Planned jaargesprekken from a week ahead on, and those whose day passed unrecorded."""
    return (
        Jaargesprek.select(Jaargesprek, Organisation)
        .join(Organisation)
        .where(Jaargesprek.state == GEPLAND, Jaargesprek.planned_on <= today() + JAARGESPREK_AHEAD)
        .order_by(Jaargesprek.planned_on)
    )


def _jaargesprek_task(gesprek, user):
    passed = gesprek.planned_on < today()
    return Task(
        KINDS["jaargesprek"],
        f"Jaargesprek met {gesprek.organisation.name}",
        url_for("network.jaargesprek_page", organisation_id=gesprek.organisation_id),
        end_of(gesprek.planned_on),
        detail="De dag is voorbij: leg vast hoe het ging, of plan het opnieuw."
        if passed
        else "Gepland; leg daarna vast hoe het ging.",
        uid=f"jaargesprek-{gesprek.id}",
    )


def _attendance(user):
    """Meetings of the last month with people who said they would come, not yet recorded."""
    open_rows = Invitation.select(SQL("1")).where(
        Invitation.meeting == Meeting.id, Invitation.answer == KOMT, Invitation.attended.is_null()
    )
    return Meeting.select(Meeting.id, Meeting.title, Meeting.ends_at).where(
        Meeting.state == MeetingState.PUBLISHED,
        Meeting.ends_at < now(),
        Meeting.ends_at > now() - ATTENDANCE_WITHIN,
        fn.EXISTS(open_rows),
    )


def _attendance_task(meeting, user):
    return Task(
        KINDS["aanwezigheid"],
        f"Leg de aanwezigheid vast bij {meeting.title}",
        url_for("network.attendance", meeting_id=meeting.id),
        meeting.ends_at + ATTENDANCE_WITHIN,
        detail="Wie zich aanmeldde: kwam die ook?",
        uid=f"aanwezigheid-{meeting.id}",
    )


def _overdue(user):
    """One row, with their number, while open invoices are past their due day (else none)."""
    counted = Invoice.select(fn.COUNT(SQL("1")).alias("n")).where(
        Invoice.state == InvoiceState.OPEN, Invoice.due_on < today()
    )
    found = counted.alias("overdue")
    return Select([found], [found.c.n]).where(found.c.n > 0).bind(db).tuples()


def _overdue_task(row, user):
    (count,) = row
    return Task(
        KINDS["factuur"],
        f"{count} factu{'ren' if count != 1 else 'ur'} over de vervaldatum",
        url_for("fees.invoices", year=schooljaar_of()),
        detail="Stuur een herinnering, of leg de betaling vast als die binnen is.",
        uid="facturen-over-tijd",
    )


def _unanswered(user):
    """The person's invitations to coming meetings that they have not answered yet."""
    return (
        Invitation.select(Invitation.id, Meeting.id, Meeting.title, Meeting.starts_at)
        .join(Meeting)
        .where(
            Invitation.user == user.id,
            Invitation.answer == UITGENODIGD,
            Meeting.state == MeetingState.PUBLISHED,
            Meeting.starts_at > now(),
        )
        .order_by(Meeting.starts_at)
    )


def _answer_task(invitation, user):
    meeting = invitation.meeting
    return Task(
        KINDS["uitnodiging"],
        f"Laat weten of u komt: {meeting.title}",
        url_for("network.meeting", case_id=meeting.id),
        meeting.starts_at,
        uid=f"bijeenkomst-{invitation.id}",
    )


contributions_to_decide = Source({"projectleider"}, _contributions, _contribution_task)
jaargesprekken_due = Source({"projectleider"}, _jaargesprekken, _jaargesprek_task)
attendance_to_record = Source({"projectleider"}, _attendance, _attendance_task)
overdue_invoices = Source({"projectleider"}, _overdue, _overdue_task)
meetings_to_answer = Source(None, _unanswered, _answer_task)
