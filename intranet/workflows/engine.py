"""Firing transitions: one transaction with the state write, its audit event and its effects."""

import json
from dataclasses import dataclass, field
from functools import cache

from flask import has_request_context, request
from peewee import chunked
from transitions import MachineError

from intranet import logs
from intranet.clock import now
from intranet.db import is_sqlite, locked, write_transaction
from intranet.workflows.definition import ROLE_LABELS, SYSTEM
from intranet.workflows.models import AuditEvent, Deadline


class WorkflowError(Exception):
    """A transition that was refused; nothing changed. `message` is for the user."""

    status = 409

    def __init__(self, message):
        super().__init__(message)
        self.message = message


class CaseNotFound(WorkflowError):
    status = 404


class UnknownAction(WorkflowError):
    status = 400


class NotPermitted(WorkflowError):
    status = 403


class AlreadyHandled(WorkflowError):
    """Someone else acted first: the case is no longer where the user saw it."""


class ConditionFailed(WorkflowError):
    status = 422


BATCH = 200  # rows per INSERT in bulk writes (well under SQLite's variable limit)
ALREADY_HANDLED = "Dit is al afgehandeld: de status is intussen gewijzigd naar ‘{}’."


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


@dataclass
class Acted:
    """What an activity did, and the automatic step that followed it (or None)."""

    done: object
    settled: object = None
    facts: dict = field(default_factory=dict)  # what the automatic steps read last


@dataclass
class Action:
    """A step shown to a user: allowed, or not with the reason why."""

    transition: object
    allowed: bool
    reason: str = ""


def _audit(workflow, case, source, dest, trigger, actor, comment, data, actor_label=""):
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
    return AuditEvent.insert(
        workflow=workflow.name,
        case_id=case.id,
        from_state=source,
        to_state=dest,
        trigger=trigger,
        actor=actor,
        actor_label=actor_label,
        comment=comment,
        data=json.dumps(data or {}, sort_keys=True, default=str),
        at=now(),
    ).execute()


@cache
def _locked_select(model, sqlite):
    """The SQL that re-reads one case under lock, compiled once per model and database kind."""
    sql, _ = locked(model.select().where(model.id == 0)).sql()
    return sql


def _read_locked(model, case_id):
    """The case with its row locked for this transaction (FOR UPDATE on PostgreSQL), or None."""
    return next(iter(model.raw(_locked_select(model, is_sqlite()), case_id)), None)


def create_case(workflow, actor, comment="", **fields):
    """Insert a new case in the workflow's initial state, with its first audit event."""
    with write_transaction():
        case = workflow.model.create(state=workflow.initial, **fields)
        _audit(workflow, case, None, workflow.initial, "aanmaken", actor, comment, None)
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
        moment = now()
        events = [
            {
                "workflow": workflow.name,
                "case_id": case_id,
                "from_state": None,
                "to_state": workflow.initial,
                "trigger": "aanmaken",
                "actor": actor.id if actor is not None else None,
                "actor_label": actor.name if actor is not None else SYSTEM,
                "at": moment,
                "comment": comment,
                "data": "{}",
            }
            for case_id in ids
        ]
        for batch in chunked(events, BATCH):
            AuditEvent.insert_many(batch).execute()
    return ids


def note(workflow, case, what, actor, comment=""):
    """Record on the case's timeline something that happened without a state change."""
    _audit(workflow, case, case.state, case.state, what, actor, comment, None)


def refusal(workflow, transition, case, user, context=None):
    """Why this user may not take this step on this case now (an error), or None."""
    roles = {SYSTEM} if user is None else workflow.roles_on(case, user)
    if not roles & transition.roles:
        who = [ROLE_LABELS.get(role, role) for role in sorted(transition.roles - {SYSTEM})]
        return NotPermitted("Alleen voor " + " of ".join(who) + ".")
    for condition in transition.conditions:
        if not condition.check(case, context or {}):
            return ConditionFailed(condition.reason)
    return None


def fire(
    workflow, case_id, trigger, actor, *, expected_state=None, comment="", data=None, actor_label=""
):
    """Fire a trigger on a case as actor (None: the system), all or nothing.

    The case is re-read under a write lock; if it moved on since the user saw it
    (expected_state) the user gets AlreadyHandled and nothing changes. Afterwards the
    workflow's automatic steps are taken as far as their conditions hold (see `settle`).
    """
    if trigger not in workflow.triggers:
        raise UnknownAction("Deze actie bestaat niet.")
    data = dict(data or {})
    with write_transaction():
        case = _read_locked(workflow.model, case_id)
        if case is None:
            raise CaseNotFound("Dit dossier bestaat niet.")
        source = case.state
        if expected_state is not None and expected_state != source:
            raise AlreadyHandled(ALREADY_HANDLED.format(workflow.state_label(source)))
        transition = workflow.transition(trigger, case)
        if transition is None:
            if expected_state is None:
                raise AlreadyHandled(ALREADY_HANDLED.format(workflow.state_label(source)))
            raise ConditionFailed(
                f"Deze actie kan niet in de status ‘{workflow.state_label(source)}’."
            )
        if transition.comment == "required" and not comment.strip():
            raise ConditionFailed(f"Vul in: {transition.comment_label.lower()}.")
        refused = refusal(workflow, transition, case, actor, {"data": data, "actor": actor})
        if refused:
            raise refused
        event = _move(workflow, case, transition, actor, comment, data, actor_label)
        settled, _ = _settle(workflow, case, now())
        return settled or event


def _move(workflow, case, transition, actor, comment, data, actor_label=""):
    """Let the machine move the locked case; write state and audit; run the effects."""
    source, trigger = case.state, transition.trigger
    try:
        moved = workflow.machine.events[trigger].trigger(case)
    except MachineError as error:  # the declared data and the machine disagree
        raise ConditionFailed("Deze actie kan nu niet.") from error
    if not moved or case.state != transition.dest:
        raise ConditionFailed("Deze actie kan nu niet.")
    case.save(only=[workflow.model.state])
    _audit(workflow, case, source, case.state, trigger, actor, comment, data, actor_label)
    event = Event(workflow, case, trigger, source, case.state, actor, comment, data)
    for effect in (*transition.after, *workflow.on_enter.get(case.state, ())):
        effect(event)
    return event


def act(workflow, case_id, name, actor, *, data=None, moment=None):
    """Do an activity on a case (cast a vote): locked, state and role checked, audited.

    Then the case is settled; returns what was done and what followed (Acted).
    """
    activity = workflow.activities_by_name.get(name)
    if activity is None:
        raise UnknownAction("Deze actie bestaat niet.")
    moment = moment or now()
    with write_transaction():
        case = _read_locked(workflow.model, case_id)
        if case is None:
            raise CaseNotFound("Dit dossier bestaat niet.")
        if case.state not in activity.states:
            raise AlreadyHandled(activity.closed)
        if actor is None or not workflow.roles_on(case, actor) & activity.roles:
            who = [ROLE_LABELS.get(role, role) for role in sorted(activity.roles)]
            raise NotPermitted("Alleen voor " + " of ".join(who) + ".")
        done = activity.run(case, actor, dict(data or {}), moment)
        _audit(
            workflow,
            case,
            case.state,
            case.state,
            done.what,
            actor,
            "",
            done.data,
            done.actor_label,
        )
        settled, facts = _settle(workflow, case, moment)
        return Acted(done, settled, facts)


def settle(workflow, case_id, moment=None):
    """Take the automatic steps whose conditions hold now; the last Event, or None.

    The one mechanism behind a decided vote, after any step, activity, seat change or
    deadline: a case in a state with automatic steps moves as soon as one holds.
    """
    moment = moment or now()
    with write_transaction():
        case = _read_locked(workflow.model, case_id)
        if case is None:
            raise CaseNotFound("Dit dossier bestaat niet.")
        return _settle(workflow, case, moment)[0]


def settle_open(workflow, moment=None):
    """Settle every case that stands where automatic steps start (after a seat change)."""
    if not workflow.settling_states:
        return []
    model = workflow.model
    waiting = model.select(model.id).where(model.state.in_(workflow.settling_states))
    events = [settle(workflow, case_id, moment) for (case_id,) in waiting.tuples()]
    return [event for event in events if event is not None]


def _settle(workflow, case, moment):
    """Within the caller's transaction: move the locked case while an automatic step holds.

    Returns the last automatic step taken (an Event, or None) and the facts last read.
    """
    event, facts = None, {}
    for _ in workflow.states:  # each step leaves its state: at most one pass per state
        steps = workflow.automatic_from(case.state)
        if not steps:
            break
        facts = workflow.facts_of(case, moment)
        step = next((t for t in steps if _holds(t, case, facts)), None)
        if step is None:
            break
        event = _move(workflow, case, step, None, "", facts, step.actor_label)
    return event, facts


def _holds(transition, case, facts):
    if transition.when is not None and not transition.when(case):
        return False
    return all(condition.check(case, {"facts": facts}) for condition in transition.conditions)


def actions_for(workflow, case, user):
    """The steps from the case's state: allowed ones and, for the others, why not."""
    actions = []
    for transition in workflow.transitions_from(case):
        if transition.roles == {SYSTEM}:
            continue
        refused = refusal(workflow, transition, case, user, {"actor": user})
        actions.append(Action(transition, refused is None, refused.message if refused else ""))
    return actions


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
