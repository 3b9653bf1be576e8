"""New cases and their deadlines: created in their initial state, audited, in bulk if many."""

from peewee import chunked

from intranet.clock import now
from intranet.db import write_transaction
from intranet.workflows.definition import SYSTEM
from intranet.workflows.journal import Event, audit
from intranet.workflows.models import WRITE_BATCH, AuditEvent, Deadline

BATCH = WRITE_BATCH  # rows per INSERT in bulk writes


def create_case(workflow, actor, comment="", **fields):
    """Insert a new case in the workflow's initial state, with its first audit event."""
    with write_transaction():
        case = workflow.model.create(state=workflow.initial, **fields)
        audit(workflow, case, None, workflow.initial, "aanmaken", actor, comment, None)
        for effect in workflow.on_enter.get(workflow.initial, ()):
            effect(Event(workflow, case, "aanmaken", None, workflow.initial, actor, comment))
    return case


def create_cases(workflow, actor, rows, comment=""):
    """Insert many cases in the initial state, each with its first audit event, in bulk.

    A few INSERTs for any number of rows (a round over thousands of partners opens in one
    request). The initial state's on_enter effects do not run per case: the caller does its
    own bulk work (mail, deadlines). Returns the new case ids.
    """
    model = workflow.model
    ids = []
    with write_transaction():
        for batch in chunked([{**row, "state": workflow.initial} for row in rows], BATCH):
            inserted = model.insert_many(batch).returning(model.id).tuples().execute()
            ids.extend(case_id for (case_id,) in inserted)
        label = actor.name if actor is not None else SYSTEM
        moves = [(case_id, None, workflow.initial) for case_id in ids]
        AuditEvent.write_many(workflow.name, moves, "aanmaken", actor, label, comment)
    return ids


def schedule(workflow, case, action, due_at):
    """Set a deadline for a case; tick fires it once when it is due."""
    return Deadline.create(workflow=workflow.name, case_id=case.id, action=action, due_at=due_at)


def schedule_many(workflow, deadlines):
    """Set many deadlines at once: an iterable of (case_id, action, due_at)."""
    rows = [
        {"workflow": workflow.name, "case_id": case_id, "action": action, "due_at": due_at}
        for case_id, action, due_at in deadlines
    ]
    for batch in chunked(rows, BATCH):
        Deadline.insert_many(batch).execute()
    return len(rows)


def cancel_deadlines(workflow, case, action=None):
    """Drop a case's pending deadlines (all, or those for one action)."""
    query = Deadline.update(fired_at=now(), outcome="vervallen").where(
        Deadline.workflow == workflow.name,
        Deadline.case_id == case.id,
        Deadline.fired_at.is_null(),
    )
    if action:
        query = query.where(Deadline.action == action)
    return query.execute()
