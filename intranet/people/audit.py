"""The audit trail of accounts and seats: who changed what about whom, and when."""

from intranet.workflows.definition import SYSTEM
from intranet.workflows.models import AuditEvent

TRAIL = "leden"  # the AuditEvent `workflow` of these records; case_id is the person's id


def record(actor, person, what, comment, seat=None):
    """Write one immutable audit record (in the caller's transaction)."""
    label = actor.name if actor is not None else SYSTEM
    data = {"seat": seat.id} if seat is not None else {}
    AuditEvent.write(TRAIL, person.id, None, what, what, actor, label, comment, data)


def recent(limit=50):
    """The latest changes to accounts and seats, newest first."""
    return (
        AuditEvent.select(AuditEvent)
        .where(AuditEvent.workflow == TRAIL)
        .order_by(AuditEvent.id.desc())
        .limit(limit)
    )


def of_person(person):
    """Every change about one person, newest first."""
    return (
        AuditEvent.select()
        .where(AuditEvent.workflow == TRAIL, AuditEvent.case_id == person.id)
        .order_by(AuditEvent.id.desc())
    )
