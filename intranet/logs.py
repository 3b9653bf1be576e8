"""Logging: one JSON line per request and per event that matters, to stderr (journald).

Every line carries the request id (taken from a sane `X-Request-ID` header, else made here,
and sent back in the response). Signed-link tokens are blanked out of every line, and a
request line names the route (`/wachtwoord-herstellen/<token>`) instead of the real path
when the path holds a token.
"""

import logging
import re
import sys
import time
import uuid

from flask import g, has_request_context, request
from flask_login import user_logged_out
from pythonjsonlogger.json import JsonFormatter

EVENTS = "intranet.events"
REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
# An itsdangerous token: payload.timestamp.signature, each base64url.
TOKEN = re.compile(r"\.?[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{16,}")
# A path segment this long is a secret (a link's token, a calendar feed's key): as in Caddy's
# log filter (deploy/intranet.caddy).
LONG_SEGMENT = re.compile(r"/[A-Za-z0-9_.=~%-]{32,}")
HIDDEN = "[verborgen]"
SECRET_WORDS = ("password", "token", "secret", "link")
WRITES = {"POST", "PUT", "PATCH", "DELETE"}


COUNTS = (int, float, type(None))  # a count (`pruned_used_links`) is never a secret


def _secret_name(name):
    return name != "msg" and any(word in name.lower() for word in SECRET_WORDS)


def scrub(value):
    """A value with every signed-link token blanked out."""
    return TOKEN.sub(HIDDEN, value) if isinstance(value, str) else value


class StderrHandler(logging.StreamHandler):
    """Write to whatever sys.stderr is at the time (gunicorn, journald, a test's capture).

    stderr, not stdout: a command's output (`people export EMAIL > file.json`) stays clean.
    """

    def __init__(self):
        super().__init__(sys.stderr)

    def emit(self, record):
        """Emit to the current stderr."""
        self.stream = sys.stderr
        super().emit(record)


class Context(logging.Filter):
    """Add the request id and the client to every record, and blank out secrets."""

    def filter(self, record):
        """Annotate and scrub the record; never drops one."""
        if has_request_context():
            record.request_id = getattr(g, "request_id", None)
            record.remote_addr = request.remote_addr
        record.msg = scrub(record.getMessage())
        record.args = None
        for name, value in list(vars(record).items()):
            if _secret_name(name) and not isinstance(value, COUNTS):
                setattr(record, name, HIDDEN)
            elif isinstance(value, str) and name not in {"msg", "exc_text", "stack_info"}:
                setattr(record, name, scrub(value))
        return True


class ScrubbingFormatter(JsonFormatter):
    """JSON lines whose tracebacks are scrubbed of tokens as well."""

    def __init__(self, **options):
        super().__init__(
            "{asctime}{levelname}{name}{message}",
            style="{",
            rename_fields={"asctime": "time", "levelname": "level", "name": "logger"},
            datefmt="%Y-%m-%dT%H:%M:%S%z",
            **options,
        )

    def format(self, record):
        """The record as one JSON line, its message without tokens."""
        record.msg, record.args = scrub(record.getMessage()), None
        return super().format(record)

    def formatException(self, ei):
        """The traceback, without tokens."""
        return scrub(super().formatException(ei))


class GunicornAccessFormatter(ScrubbingFormatter):
    """gunicorn's access line as JSON, like the app's request line: method, path (without
    its query, any token blanked), status, duration and the request id."""

    def format(self, record):
        """The access record (gunicorn passes its atoms as the arguments) as JSON."""
        atoms = record.args if isinstance(record.args, dict) else {}
        status = str(atoms.get("s", ""))
        record.method = atoms.get("m")
        record.path = LONG_SEGMENT.sub("/" + HIDDEN, scrub(str(atoms.get("U", ""))))
        record.status = int(status) if status.isdigit() else status
        record.duration_ms = round(int(atoms.get("D", 0) or 0) / 1000, 1)
        record.request_id = atoms.get("{x-request-id}o")
        record.msg, record.args = "access", None
        return super().format(record)


def _formatter():
    return ScrubbingFormatter()


def gunicorn_logconfig(access_log=False):
    """gunicorn's logging (its `logconfig_dict`): JSON lines on stderr for its own messages
    (master and workers: starts, stops, killed workers) and, when asked, its access log."""
    handler = {"class": "logging.StreamHandler", "stream": "ext://sys.stderr"}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {
            "json": {"()": ScrubbingFormatter},
            "access": {"()": GunicornAccessFormatter},
        },
        "handlers": {
            "error": {**handler, "formatter": "json"},
            "access": {**handler, "formatter": "access"}
            if access_log
            else {"class": "logging.NullHandler"},
        },
        "root": {"level": "WARNING", "handlers": ["error"]},
        "loggers": {
            "gunicorn.error": {"level": "INFO", "handlers": ["error"], "propagate": False},
            "gunicorn.access": {"level": "INFO", "handlers": ["access"], "propagate": False},
        },
    }


def configure(level):
    """Send the intranet's loggers (and gunicorn's) to stderr as JSON; idempotent."""
    handler = StderrHandler()
    handler.setFormatter(_formatter())
    handler.addFilter(Context())
    for name in ("intranet", "gunicorn.error"):
        logger = logging.getLogger(name)
        logger.handlers = [handler]  # gunicorn's own JSON handler too: one line, not two
        logger.setLevel(level)
        logger.propagate = False


def event(name, level=logging.INFO, **fields):
    """Log one event that matters (login, a workflow step, mail sent ...) with its fields;
    trouble (a mail tried again, one that failed) at WARNING or ERROR."""
    logging.getLogger(EVENTS).log(level, name, extra={"event": name, **fields})


def _start_request():
    incoming = request.headers.get("X-Request-ID", "")
    g.request_id = incoming if REQUEST_ID.match(incoming) else uuid.uuid4().hex
    g.request_started = time.perf_counter()


def _user_id():
    user = g.get("_login_user")  # only a user Flask-Login already loaded: no extra query
    if user is not None and user.is_authenticated:
        return user.id
    return g.get("logged_out_user_id")


def _remember_logged_out(sender, user, **extra):
    g.logged_out_user_id = user.id


def _path():
    rule = request.url_rule
    if rule is not None and "token" in (request.view_args or {}):
        return rule.rule
    return scrub(request.path)


def _change(response, user_id):
    """A change someone made on a page (a write that succeeded): one event line with what.

    Logging in and out and passwords have their own events (auth.routes).
    """
    if request.blueprint == "auth":
        return
    if request.method in WRITES and response.status_code < 400 and user_id is not None:
        targets = {k: v for k, v in (request.view_args or {}).items() if k != "token"}
        event("change", endpoint=request.endpoint, user_id=user_id, target=targets)


def _finish_request(response):
    response.headers["X-Request-ID"] = g.get("request_id", "")
    started = g.get("request_started", time.perf_counter())
    _change(response, _user_id())
    logging.getLogger("intranet.requests").info(
        "request",
        extra={
            "method": request.method,
            "path": _path(),
            "status": response.status_code,
            "duration_ms": round((time.perf_counter() - started) * 1000, 1),
            "user_id": _user_id(),
            "endpoint": request.endpoint,
        },
    )
    return response


def init_app(app):
    """Configure the loggers and log every request."""
    configure(app.config["LOG_LEVEL"])
    app.before_request(_start_request)
    app.after_request(_finish_request)
    user_logged_out.connect(_remember_logged_out, app)
