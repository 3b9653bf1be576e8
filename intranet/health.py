"""`/healthz` for monitoring: does the database answer, and does tick run?"""

from flask import Blueprint, current_app, jsonify

from intranet.clock import now
from intranet.db import db
from intranet.workflows.timers import last_tick, problems

bp = Blueprint("health", __name__)


def tick_age():
    """Seconds since `workflows tick` last ran on this server (the modification time of
    `last-tick` in the instance folder), or None if it never did."""
    last = last_tick()
    return None if last is None else max(0, int((now() - last).total_seconds()))


@bp.get("/healthz")
def healthz():
    """200 when the database answers and tick ran lately, else 503; nothing secret in it."""
    try:
        db.execute_sql("SELECT 1")
        age = tick_age()
        troubles = problems()
    except Exception:  # whatever the reason, the database did not answer
        current_app.logger.exception("health check: the database does not answer")
        return jsonify(database="error", tick_age_s=None), 503
    limit = current_app.config["TICK_WARNING_AFTER"].total_seconds()
    healthy = age is not None and age <= limit and not troubles
    response = jsonify(database="ok", tick_age_s=age, problems=troubles)
    response.headers["Cache-Control"] = "no-store"
    return response, 200 if healthy else 503
