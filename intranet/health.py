"""`/healthz` for monitoring: does the database answer and take writes, does tick run, does
mail leave?"""

import time

from flask import Blueprint, current_app, jsonify

from intranet import mail_delivery
from intranet.clock import now
from intranet.db import db, write_transaction
from intranet.models import Setting
from intranet.workflows.timers import last_tick, problems

bp = Blueprint("health", __name__)

PROBE_KEY = "health-probe"
# A committed write (one row, always the same) at most this often per worker; in between a
# write that is rolled back shows that the database still takes one.
COMMITTED_PROBE_EVERY = 60
_last_committed = {"at": float("-inf")}


class _Rollback(Exception):
    """Ends the probe's transaction without committing it."""


def tick_age():
    """Seconds since `workflows tick` last ran on this server (the modification time of
    `last-tick` in the instance folder), or None if it never did."""
    last = last_tick()
    return None if last is None else max(0, int((now() - last).total_seconds()))


def check_write():
    """Raise unless the database takes a write: one row (the probe's setting), committed
    once a minute per worker, else written and rolled back. Never adds rows."""
    commit = time.monotonic() - _last_committed["at"] >= COMMITTED_PROBE_EVERY
    try:
        with write_transaction():
            Setting.write(PROBE_KEY, now().isoformat())
            if not commit:
                raise _Rollback
    except _Rollback:
        return
    _last_committed["at"] = time.monotonic()


@bp.get("/healthz")
def healthz():
    """200 when the database answers and takes writes, tick ran lately and mail leaves,
    else 503; nothing secret in it."""
    try:
        db.execute_sql("SELECT 1")
        check_write()
        mail, mail_problems = mail_delivery.health()
        troubles = problems() + mail_problems
    except Exception:  # whatever the reason, the database did not answer or refused a write
        current_app.logger.exception("health check: the database does not answer or write")
        return _answer({"database": "error", "tick_age_s": None}, 503)
    age = tick_age()
    limit = current_app.config["TICK_WARNING_AFTER"].total_seconds()
    healthy = age is not None and age <= limit and not troubles
    body = {"database": "ok", "tick_age_s": age, "mail": mail, "problems": troubles}
    return _answer(body, 200 if healthy else 503)


def _answer(body, status):
    response = jsonify(body)
    response.headers["Cache-Control"] = "no-store"
    return response, status
