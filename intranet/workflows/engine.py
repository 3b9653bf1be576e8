"""Firing transitions: one transaction with the state write, its audit event and its effects.

The user's side of the engine: fire a step, do an activity, see the steps on offer. It knows
no workflow by name: the app hands it its workflows (intranet/workflow_registry.py), which
`registered()` returns. Its parts: step_errors.py (what a refusal raises), journal.py (the
lock, the move and its audit record), settling.py (the automatic steps), cases.py (new cases
and their deadlines); their public names are importable from here too.
"""

from dataclasses import dataclass, field

from flask import current_app

from intranet.clock import now
from intranet.db import write_transaction
from intranet.workflows.cases import (
    BATCH,
    cancel_deadlines,
    create_case,
    create_cases,
    schedule,
    schedule_many,
)
from intranet.workflows.definition import ROLE_LABELS, SYSTEM
from intranet.workflows.journal import Event, audit, move, note, read_locked
from intranet.workflows.settling import settle, settle_locked, settle_open
from intranet.workflows.step_errors import (
    ALREADY_HANDLED,
    AlreadyHandled,
    CaseNotFound,
    ConditionFailed,
    NotPermitted,
    UnknownAction,
    WorkflowError,
)

__all__ = [
    "ALREADY_HANDLED",
    "BATCH",
    "Acted",
    "Action",
    "AlreadyHandled",
    "CaseNotFound",
    "ConditionFailed",
    "Event",
    "NotPermitted",
    "UnknownAction",
    "WorkflowError",
    "act",
    "actions_for",
    "cancel_deadlines",
    "check",
    "create_case",
    "create_cases",
    "fire",
    "note",
    "refusal",
    "registered",
    "schedule",
    "schedule_many",
    "settle",
    "settle_open",
]


def registered():
    """The app's workflows by name, as the app was handed them (workflow_registry.init_app)."""
    return current_app.extensions["workflows"]


@dataclass
class Acted:
    """What an activity did, and the automatic step that followed it (or None)."""

    done: object
    settled: object = None
    facts: dict = field(default_factory=dict)  # what the automatic steps read last
    case: object = None  # the case as the transaction left it (its row, no joins)


@dataclass
class Action:
    """A step shown to a user: allowed, or not with the reason why."""

    transition: object
    allowed: bool
    reason: str = ""


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


def check(workflow, case, trigger, actor, *, expected_state=None, comment="", data=None):
    """The step `trigger` takes on this case for this actor now; raises why not.

    `fire` checks with this under its lock; a route checks with it before it asks to
    confirm, so both refuse alike.
    """
    if trigger not in workflow.triggers:
        raise UnknownAction("Deze actie bestaat niet.")
    source = case.state
    if expected_state is not None and expected_state != source:
        raise AlreadyHandled(ALREADY_HANDLED.format(workflow.state_label(source)))
    transition = workflow.transition(trigger, case)
    if transition is None:
        if expected_state is None:
            raise AlreadyHandled(ALREADY_HANDLED.format(workflow.state_label(source)))
        raise ConditionFailed(f"Deze actie kan niet in de status ‘{workflow.state_label(source)}’.")
    if transition.comment == "required" and not comment.strip():
        raise ConditionFailed(f"Vul in: {transition.comment_label.lower()}.")
    refused = refusal(workflow, transition, case, actor, {"data": data or {}, "actor": actor})
    if refused:
        raise refused
    return transition


def fire(
    workflow, case_id, trigger, actor, *, expected_state=None, comment="", data=None, actor_label=""
):
    """Fire a trigger on a case as actor (None: the system), all or nothing.

    The case is re-read under a write lock and checked (`check`); if it moved on since the
    user saw it (expected_state) the user gets AlreadyHandled and nothing changes.
    Afterwards the workflow's automatic steps are taken as far as their conditions hold
    (see `settle`).
    """
    data = dict(data or {})
    with write_transaction():
        case = read_locked(workflow.model, case_id)
        if case is None:
            raise CaseNotFound("Dit dossier bestaat niet.")
        transition = check(
            workflow,
            case,
            trigger,
            actor,
            expected_state=expected_state,
            comment=comment,
            data=data,
        )
        event = move(workflow, case, transition, actor, comment, data, actor_label)
        settled, _ = settle_locked(workflow, case, now())
        return settled or event


def act(workflow, case_id, name, actor, *, data=None, moment=None):
    """Do an activity on a case (cast a vote): locked, state and role checked, audited.

    Then the case is settled; returns what was done and what followed (Acted).
    """
    activity = workflow.activities_by_name.get(name)
    if activity is None:
        raise UnknownAction("Deze actie bestaat niet.")
    moment = moment or now()
    with write_transaction():
        case = read_locked(workflow.model, case_id)
        if case is None:
            raise CaseNotFound("Dit dossier bestaat niet.")
        if case.state not in activity.states:
            raise AlreadyHandled(activity.closed)
        if actor is None or not workflow.roles_on(case, actor) & activity.roles:
            who = [ROLE_LABELS.get(role, role) for role in sorted(activity.roles)]
            raise NotPermitted("Alleen voor " + " of ".join(who) + ".")
        done = activity.run(case, actor, dict(data or {}), moment)
        audit(
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
        settled, facts = settle_locked(workflow, case, moment)
        return Acted(done, settled, facts, case)


def actions_for(workflow, case, user):
    """The steps from the case's state: allowed ones and, for the others, why not."""
    actions = []
    for transition in workflow.transitions_from(case):
        if transition.roles == {SYSTEM}:
            continue
        refused = refusal(workflow, transition, case, user, {"actor": user})
        actions.append(Action(transition, refused is None, refused.message if refused else ""))
    return actions
