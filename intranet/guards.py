"""Guards around every request: plain form input only, same-site writes, idle sessions, and
the security headers on every answer."""

from urllib.parse import urlsplit

from flask import abort, current_app, g, request, session

from intranet.clock import now

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}


FORM_BODIES = {"application/x-www-form-urlencoded", "multipart/form-data"}
WRITES = {"POST", "PUT", "PATCH", "DELETE"}


def _has_nul(values):
    """True if a text value (or a key) holds a NUL character."""
    return any(isinstance(value, str) and "\x00" in value for value in values)


def _plain_input_only():
    """Refuse input no form sends: a body that is no form (415), text with NUL in it (400).

    Flask-WTF would read a JSON body as form data (a JSON list or number breaks it), and
    PostgreSQL refuses NUL in text, so either would end in a 500 further on.
    """
    if request.method in WRITES and request.mimetype and request.mimetype not in FORM_BODIES:
        abort(415)
    texts = [*(request.view_args or {}).values()]
    for multidict in (request.args, request.form) if request.method in WRITES else (request.args,):
        for key, values in multidict.lists():
            texts += [key, *values]
    if _has_nul(texts):
        abort(400)


def _end_idle_session():
    """A session unused for SESSION_IDLE_TIMEOUT ends (a remember-me cookie may renew it)."""
    seen, moment = session.get("_seen"), int(now().timestamp())
    idle = current_app.config["SESSION_IDLE_TIMEOUT"].total_seconds()
    if "_user_id" in session and seen and moment - seen > idle:
        for key in ("_user_id", "_fresh", "_id"):
            session.pop(key, None)
        # Whatever ran first may have loaded the user already (Sentry's Flask integration does,
        # on request_started): Flask-Login loads again, now from the remember-me cookie or none.
        g.pop("_login_user", None)
    if "_user_id" in session and (not seen or moment - seen > 60):
        session["_seen"] = moment


def _same_origin():
    """Refuse a cross-site write, even one that carries a valid CSRF token."""
    if request.method not in WRITES:
        return
    source = request.headers.get("Origin") or request.headers.get("Referer")
    if not source:
        return  # neither header (privacy settings, old clients): the CSRF token decides
    if urlsplit(source).netloc != request.host:
        abort(403)


def _security_headers(response):
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    if current_app.config["STRICT_TRANSPORT_SECURITY"]:
        response.headers["Strict-Transport-Security"] = current_app.config[
            "STRICT_TRANSPORT_SECURITY"
        ]
    private = "_user_id" in session or response.headers.get("Content-Disposition")
    if private:  # pages behind the login, exports, the outbox: never in a shared cache
        response.headers["Cache-Control"] = "no-store"
    return response


def init_app(app):
    """Install the guards before and the headers after every request."""
    app.before_request(_plain_input_only)
    app.before_request(_same_origin)
    app.before_request(_end_idle_session)
    app.after_request(_security_headers)
