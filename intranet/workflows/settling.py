"""Settling: a case moves by itself as soon as one of its automatic steps holds.

The one mechanism behind a decided vote, a renewal round everyone answered, after any
step, activity, seat change or deadline.
"""

from intranet.clock import now
from intranet.db import write_transaction
from intranet.workflows.journal import move, read_locked
from intranet.workflows.step_errors import CaseNotFound


def settle(workflow, case_id, moment=None):
    """Take the automatic steps whose conditions hold now; the last Event, or None.

    The one mechanism behind a decided vote, after any step, activity, seat change or
    deadline: a case in a state with automatic steps moves as soon as one holds.
    """
    moment = moment or now()
    with write_transaction():
        case = read_locked(workflow.model, case_id)
        if case is None:
            raise CaseNotFound("Dit dossier bestaat niet.")
        return settle_locked(workflow, case, moment)[0]


def settle_open(workflow, moment=None):
    """Settle every case that stands where automatic steps start (after a seat change)."""
    if not workflow.settling_states:
        return []
    model = workflow.model
    waiting = model.select(model.id).where(model.state.in_(workflow.settling_states))
    events = [settle(workflow, case_id, moment) for (case_id,) in waiting.tuples()]
    return [event for event in events if event is not None]


def settle_locked(workflow, case, moment):
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
        event = move(workflow, case, step, None, "", facts, step.actor_label)
    return event, facts


def _holds(transition, case, facts):
    if transition.when is not None and not transition.when(case):
        return False
    return all(condition.check(case, {"facts": facts}) for condition in transition.conditions)
