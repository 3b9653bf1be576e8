"""What the engine stores: the audit trail and the deadlines."""

import json

from peewee import (
    JOIN,
    CharField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    TextField,
    chunked,
)

from intranet.clock import now
from intranet.models import BaseModel, User

WRITE_BATCH = 200  # rows per INSERT in bulk writes (well under SQLite's variable limit)


class ImmutableError(Exception):
    """Audit events are written once and never changed or deleted."""


class AuditEvent(BaseModel):
    """One step of one case: who moved it from which state to which, when and why."""

    workflow = CharField()
    case_id = IntegerField()
    from_state = CharField(null=True)
    to_state = CharField()
    trigger = CharField()
    actor = ForeignKeyField(User, null=True, on_delete="SET NULL")
    actor_label = CharField(default="")
    at = DateTimeField(default=now)
    comment = TextField(default="")
    data = TextField(default="{}")

    class Meta:
        indexes = ((("workflow", "case_id", "id"), False),)

    def save(self, *args, **kwargs):
        """Insert only: an existing audit event cannot be rewritten."""
        if self.id is not None:
            raise ImmutableError("audit events cannot be changed")
        return super().save(*args, **kwargs)

    def delete_instance(self, *args, **kwargs):
        """Audit events cannot be deleted."""
        raise ImmutableError("audit events cannot be deleted")

    @classmethod
    def write(cls, workflow, case_id, source, dest, trigger, actor, label, comment="", data=None):
        """Append one event (in the caller's transaction): `actor` a user or None, `label`
        the name the timeline shows, `data` a dict."""
        cls.insert(
            workflow=workflow,
            case_id=case_id,
            from_state=source,
            to_state=dest,
            trigger=trigger,
            actor=actor.id if actor is not None else None,
            actor_label=label,
            comment=comment,
            data=json.dumps(data or {}, sort_keys=True, default=str),
            at=now(),
        ).execute()

    @classmethod
    def write_many(cls, workflow, moves, trigger, actor, label, comment=""):
        """Append one event per (case_id, source, dest) of a step many cases took at once, in
        a few INSERTs (in the caller's transaction)."""
        moment, actor_id = now(), actor.id if actor is not None else None
        rows = [
            {
                "workflow": workflow,
                "case_id": case_id,
                "from_state": source,
                "to_state": dest,
                "trigger": trigger,
                "actor": actor_id,
                "actor_label": label,
                "at": moment,
                "comment": comment,
                "data": "{}",
            }
            for case_id, source, dest in moves
        ]
        for batch in chunked(rows, WRITE_BATCH):
            cls.insert_many(batch).execute()

    @property
    def payload(self):
        """The event's data as a dict."""
        return json.loads(self.data or "{}")

    @classmethod
    def for_case(cls, workflow, case_id):
        """The case's events, oldest first, with their actors."""
        return (
            cls.select(cls, User)
            .join(User, JOIN.LEFT_OUTER)
            .where(cls.workflow == workflow, cls.case_id == case_id)
            .order_by(cls.id)
        )


class Deadline(BaseModel):
    """A moment at which a timed transition or reminder of a case is due."""

    workflow = CharField()
    case_id = IntegerField()
    action = CharField()  # a transition trigger or a timer of the workflow
    due_at = DateTimeField(index=True)
    fired_at = DateTimeField(null=True, index=True)
    outcome = CharField(default="")  # uitgevoerd, vervallen
    error = TextField(null=True)  # its action failed at the last tick (kind of error); retried

    class Meta:
        indexes = ((("workflow", "case_id", "action"), False),)

    @classmethod
    def due(cls, moment):
        """Unfired deadlines that are due at the moment, oldest first."""
        return (
            cls.select()
            .where(cls.fired_at.is_null(), cls.due_at <= moment)
            .order_by(cls.due_at, cls.id)
        )

    @classmethod
    def pending_for(cls, workflow, case_id):
        """The case's deadlines that have not fired yet."""
        return cls.select().where(
            cls.workflow == workflow, cls.case_id == case_id, cls.fired_at.is_null()
        )
