"""One step of a case, written: the lock, the machine's move, the audit record, the effects."""

from dataclasses import dataclass, field
from functools import cache

from flask import has_request_context, request
from transitions import MachineError

from intranet import logs
from intranet.db import is_sqlite, locked
from intranet.workflows.definition import SYSTEM
from intranet.workflows.models import AuditEvent
from intranet.workflows.step_errors import ConditionFailed


@dataclass
class Event:
    """What happened in one transition, handed to the effects that follow it."""

    workflow: object
    case: object
    trigger: str
    source: str
    dest: str
    actor: object
    comment: str = ""
    data: dict = field(default_factory=dict)


def audit(workflow, case, source, dest, trigger, actor, comment, data, actor_label=""):
    if not actor_label:
        actor_label = actor.name if actor is not None else SYSTEM
    if has_request_context():  # who acted from where: the client's address (behind the proxy)
        data = {**(data or {}), "address": request.remote_addr}
    logs.event(
        "workflow_step",
        workflow=workflow.name,
        case_id=case.id,
        trigger=trigger,
        from_state=source,
        to_state=dest,
        actor_id=actor.id if actor is not None else None,
    )
    AuditEvent.write(
        workflow.name, case.id, source, dest, trigger, actor, actor_label, comment, data
    )


@cache
def _locked_select(model, sqlite):
    """The SQL that re-reads one case under lock, compiled once per model and database kind."""
    sql, _ = locked(model.select().where(model.id == 0)).sql()
    return sql


def read_locked(model, case_id):
    """The case with its row locked for this transaction (FOR UPDATE on PostgreSQL), or None."""
    return next(iter(model.raw(_locked_select(model, is_sqlite()), case_id)), None)


def note(workflow, case, what, actor, comment=""):
    """Record on the case's timeline something that happened without a state change."""
    audit(workflow, case, case.state, case.state, what, actor, comment, None)


def move(workflow, case, transition, actor, comment, data, actor_label=""):
    """Let the machine move the locked case; write state and audit; run the effects."""
    source, trigger = case.state, transition.trigger
    try:
        moved = workflow.machine.events[trigger].trigger(case)
    except MachineError as error:  # the declared data and the machine disagree
        raise ConditionFailed("Deze actie kan nu niet.") from error
    if not moved or case.state != transition.dest:
        raise ConditionFailed("Deze actie kan nu niet.")
    case.save(only=[workflow.model.state])
    audit(workflow, case, source, case.state, trigger, actor, comment, data, actor_label)
    event = Event(workflow, case, trigger, source, case.state, actor, comment, data)
    for effect in (*transition.after, *workflow.on_enter.get(case.state, ())):
        effect(event)
    return event
