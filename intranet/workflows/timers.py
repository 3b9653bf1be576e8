"""`workflows tick`: fire every due deadline exactly once, and note that tick ran.

Each deadline runs in a transaction of its own: one whose action raises is rolled back,
logged, keeps its error (reported by `problems()` and so by /healthz) and is tried again at
the next tick, while the others fire. Mail and pruning run whatever happened before them.

That tick ran is noted outside the database, as the modification time of a file in the
instance folder (`last-tick`), so a tick with nothing due writes nothing to the database.
The web workers read it for `/healthz` and the projectleider's warning; both run as the same
user on the same instance folder (deploy/).
"""

import os
from datetime import UTC, datetime

from flask import current_app
from peewee import fn

from intranet import logs, mail
from intranet.clock import now
from intranet.db import write_transaction
from intranet.formats import moment_words
from intranet.privacy import retention
from intranet.workflows import engine
from intranet.workflows.models import Deadline

TICK_STAMP = "last-tick"  # in the instance folder: its modification time is the last tick

UNKNOWN = "onbekende workflow"
FAILED = "fout"


def tick(moment=None):
    """Fire the deadlines due at the moment; returns {outcome: count}.

    A deadline of a workflow this code does not know is an error: it stays unfired, is
    counted under UNKNOWN and logged, and `problems()` reports it until it is resolved.
    """
    moment = moment or now()
    counts = {"uitgevoerd": 0, "vervallen": 0, UNKNOWN: 0, FAILED: 0}
    workflows = engine.registered()
    for deadline in list(Deadline.due(moment)):
        if deadline.workflow not in workflows:
            counts[UNKNOWN] += 1
            current_app.logger.error(
                "deadline %s: unknown workflow %r (case %s, %s)",
                deadline.id,
                deadline.workflow,
                deadline.case_id,
                deadline.action,
            )
            continue
        try:
            outcome = _fire_once(workflows[deadline.workflow], deadline, moment)
        except Exception as error:  # rolled back; the others still fire
            outcome = FAILED
            _note_failure(deadline, error)
        if outcome:
            counts[outcome] += 1
    record_tick()  # tick ran, whatever the mail does below
    mailed = _guarded("mail", _send_mail)
    pruned = _guarded("pruning", retention.prune)
    mailed = {f"mail_{outcome}": n for outcome, n in mailed.items()}
    logs.event("tick", **counts, **mailed, **{f"pruned_{what}": n for what, n in pruned.items()})
    return counts


def _send_mail():
    mail.release_expired()
    return mail.deliver_queued()


def _guarded(what, step):
    """Run one part of the tick; its failure is logged and leaves the other parts running."""
    try:
        return step()
    except Exception:
        current_app.logger.exception("tick: %s failed", what)
        return {"failed": 1}


def _note_failure(deadline, error):
    """Log a deadline whose action raised, and keep the kind of error on it for /healthz."""
    current_app.logger.exception(
        "deadline %s failed (%s, case %s, %s)",
        deadline.id,
        deadline.workflow,
        deadline.case_id,
        deadline.action,
    )
    try:
        Deadline.update(error=type(error).__name__).where(Deadline.id == deadline.id).execute()
    except Exception:  # the database itself is the trouble: the log line says enough
        current_app.logger.exception("deadline %s: its error could not be noted", deadline.id)


def _fire_once(workflow, deadline, moment):
    """Claim the deadline and run its action in one transaction; None if another tick had it."""
    with write_transaction():
        claimed = (
            Deadline.update(fired_at=moment)
            .where(Deadline.id == deadline.id, Deadline.fired_at.is_null())
            .execute()
        )
        if not claimed:
            return None
        outcome = _run(workflow, deadline, moment)
        Deadline.update(outcome=outcome, error=None).where(Deadline.id == deadline.id).execute()
        return outcome


def _run(workflow, deadline, moment):
    case = workflow.model.get_or_none(workflow.model.id == deadline.case_id)
    if case is None:
        return "vervallen"
    timer = workflow.timers_by_name.get(deadline.action)
    if timer is not None:  # the workflow's own action; False: it found nothing to do
        if case.state not in timer.states or timer.run(workflow, case, moment) is False:
            return "vervallen"
        return "uitgevoerd"
    try:  # else the deadline names a step the system takes
        engine.fire(workflow, case.id, deadline.action, None)
    except engine.WorkflowError:  # the case moved on, or the step's condition no longer holds
        return "vervallen"
    return "uitgevoerd"


def problems():
    """What is wrong with the timed work, in words (for the health check); [] when all is well."""
    unknown = (
        Deadline.select(Deadline.workflow, fn.COUNT(Deadline.id))
        .where(Deadline.fired_at.is_null(), Deadline.workflow.not_in(list(engine.registered())))
        .group_by(Deadline.workflow)
        .tuples()
    )
    failing = (
        Deadline.select(Deadline.workflow, Deadline.action, Deadline.error, fn.COUNT(Deadline.id))
        .where(Deadline.fired_at.is_null(), Deadline.error.is_null(False))
        .group_by(Deadline.workflow, Deadline.action, Deadline.error)
        .tuples()
    )
    return [
        *(f"{count} open termijn(en) van onbekende workflow {name!r}" for name, count in unknown),
        *(
            f"{count} termijn(en) {name}/{action} mislukt bij de laatste tick: {error}"
            for name, action, error, count in failing
        ),
    ]


def _stamp():
    return os.path.join(current_app.instance_path, TICK_STAMP)


def record_tick(moment=None):
    """Note that tick ran at the moment (now): touch the stamp file, write no row."""
    path = _stamp()
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "a"):
        pass
    seconds = (moment or now()).replace(tzinfo=UTC).timestamp()
    os.utime(path, (seconds, seconds))


def last_tick():
    """When tick last ran (naive UTC, as `now()`), or None if it never ran here."""
    try:
        seconds = os.stat(_stamp()).st_mtime
    except FileNotFoundError:
        return None
    return datetime.fromtimestamp(seconds, UTC).replace(tzinfo=None)


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
