"""`workflows tick`: fire every due deadline exactly once, and record that tick ran."""

from datetime import datetime, timedelta

from flask import current_app

from intranet import mail
from intranet.clock import now
from intranet.db import write_transaction
from intranet.formats import moment_words
from intranet.models import Setting
from intranet.workflows import REGISTRY, engine
from intranet.workflows.models import Deadline

LAST_TICK = "workflows.last_tick"


def tick(moment=None):
    """Fire the deadlines due at the moment; returns {outcome: count}."""
    moment = moment or now()
    counts = {"uitgevoerd": 0, "vervallen": 0}
    for deadline in list(Deadline.due(moment)):
        outcome = _fire_once(deadline, moment)
        if outcome:
            counts[outcome] += 1
    mail.retry_stalled(older_than=now() - timedelta(minutes=10))
    mail.deliver_queued()
    Setting.write(LAST_TICK, now().isoformat())
    return counts


def _fire_once(deadline, moment):
    """Claim the deadline and run its action in one transaction; None if another tick had it."""
    workflow = REGISTRY.get(deadline.workflow)
    with write_transaction():
        claimed = (
            Deadline.update(fired_at=moment)
            .where(Deadline.id == deadline.id, Deadline.fired_at.is_null())
            .execute()
        )
        if not claimed:
            return None
        outcome = _run(workflow, deadline, moment)
        Deadline.update(outcome=outcome).where(Deadline.id == deadline.id).execute()
        return outcome


def _run(workflow, deadline, moment):
    case = workflow.model.get_or_none(workflow.model.id == deadline.case_id) if workflow else None
    if case is None:
        return "vervallen"
    timer = workflow.timers_by_name.get(deadline.action)
    if timer is not None:
        if case.state not in timer.states:
            return "vervallen"
        timer.run(case, moment)
        return "uitgevoerd"
    try:
        engine.fire(workflow, case.id, deadline.action, None)
    except engine.WorkflowError:  # the case moved on, or the step's condition no longer holds
        return "vervallen"
    return "uitgevoerd"


def last_tick():
    """When tick last ran, or None."""
    value = Setting.read(LAST_TICK)
    return datetime.fromisoformat(value) if value else None


def tick_warning():
    """A warning for the projectleider when tick has not run lately, else None."""
    last = last_tick()
    limit = current_app.config["TICK_WARNING_AFTER"]
    if last is None:
        return "Let op: de tijdsbewaking (workflows tick) heeft nog nooit gedraaid."
    if now() - last > limit:
        return (
            "Let op: de tijdsbewaking (workflows tick) heeft sinds "
            f"{moment_words(last)} niet meer gedraaid; "
            "termijnen en herinneringen blijven liggen."
        )
    return None
