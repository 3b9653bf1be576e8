"""Optional error reporting: with SENTRY_DSN set, errors go to Sentry (or a compatible
service, e.g. GlitchTip) as well as to the log; unset, nothing is initialised or sent.

What leaves holds no secret: no cookies or personal data (`data_collection`), no
Referer, no query string, and every token in a path, a message or a traceback blanked, as
in the log (intranet/logs.py).
"""

import sentry_sdk

from intranet.logs import HIDDEN, LONG_SEGMENT, scrub

DROPPED_HEADERS = {"cookie", "referer", "authorization", "x-csrftoken"}


def _clean(value):
    if isinstance(value, str):
        return LONG_SEGMENT.sub("/" + HIDDEN, scrub(value))
    if isinstance(value, dict):
        return {key: _clean(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_clean(item) for item in value]
    return value


def scrub_event(event, hint=None):
    """The event without cookies, Referer, query string, form data or tokens."""
    request = event.get("request") or {}
    headers = request.get("headers") or {}
    request["headers"] = {k: v for k, v in headers.items() if k.lower() not in DROPPED_HEADERS}
    for field in ("query_string", "cookies", "data"):
        request.pop(field, None)
    if request:
        event["request"] = request
    return _clean(event)


def init_app(app):
    """Start reporting when SENTRY_DSN is set; True if it did."""
    dsn = app.config.get("SENTRY_DSN")
    if not dsn:
        return False
    sentry_sdk.init(
        dsn=dsn,
        environment=app.config.get("SENTRY_ENVIRONMENT") or "production",
        # No person, cookie, query, body or frame variable (a password may sit in one).
        data_collection={
            "user_info": False,
            "cookies": {"mode": "off"},
            "url_query_params": {"mode": "off"},
            "http_bodies": [],
            "stack_frame_variables": False,
        },
        traces_sample_rate=0,
        before_send=scrub_event,
        before_breadcrumb=lambda crumb, hint: _clean(crumb),
    )
    return True
