"""One error path: every refusal is answered the same way, with the right status, never a 500.

A `Refused` (intranet/refusals.py: its statuses, one per meaning) and an HTTP error (404, 415,
429, ...) get, for htmx, a notice fragment swapped into the page's notice area (announced
through the live region; never a whole page inside a swap target); without htmx, the page
with the message. Routes catch a refusal only to show a form again with its input.
"""

from flask import g, make_response, render_template
from flask_wtf.csrf import CSRFError
from markupsafe import escape
from peewee import OperationalError
from werkzeug.exceptions import HTTPException, SecurityError

from intranet import htmx
from intranet.db import Busy, is_lock_timeout
from intranet.glossary import ERROR_PAGES as MESSAGES
from intranet.refusals import Refused

NOTICES = "#meldingen"  # the notice area of base.html


def error_page(status, detail=None):
    """The answer to a refusal: a notice for htmx, else the error page; with its status."""
    title, message = MESSAGES.get(status) or MESSAGES[400 if status < 500 else 500]
    if htmx.is_htmx():
        notice = render_template("_notice.html", title=title, message=detail or message)
        response = make_response(notice, status)
        response.headers["HX-Retarget"] = NOTICES
        response.headers["HX-Reswap"] = "innerHTML"
        response.vary.add("HX-Request")
        return response
    page = render_template(
        "error.html", title=title, message=detail or message, request_id=g.get("request_id")
    )
    return make_response(page, status)


def _http_error(error):
    """The answer with the error's own status (an unusual 4xx stays a 4xx) and headers."""
    response = error_page(error.code)
    for key, value in error.get_headers():
        if key.lower() != "content-type":
            response.headers[key] = value  # e.g. Allow on a 405, Retry-After on a 429
    return response


def _refused(error):
    """A refusal nobody caught: its own message and status."""
    response = error_page(error.status, error.message)
    if error.status == 503:
        response.headers["Retry-After"] = "5"
    return response


def _database_error(error):
    """A lock that did not come free in time is `Busy` (503, try again); any other database
    error goes on to the 500 page, logged."""
    if is_lock_timeout(error):
        return _refused(Busy())
    raise error


UNTRUSTED_HOST = (
    '<!doctype html><html lang="nl"><title>Ongeldig verzoek</title>'
    "<h1>Ongeldig verzoek</h1><p>Dit adres hoort niet bij het intranet.</p>"
)


def _untrusted_host(error):
    """A Host header outside TRUSTED_HOSTS: no URL can be built for it, so a plain page."""
    return UNTRUSTED_HOST, 400


def _csrf_error(error):
    return error_page(
        400, "Het formulier is verlopen of ongeldig (beveiligingscode). Laad de pagina opnieuw."
    )


FALLBACK = (
    '<!doctype html><html lang="nl"><title>Er ging iets mis</title>'
    "<h1>Er ging iets mis</h1><p>Er ging iets mis aan onze kant. Probeer het later opnieuw.</p>"
    "<p><small>Verzoekcode: <code>{request_id}</code></small></p>"
)


def _server_error(error):
    try:
        return error_page(500)
    except Exception:  # the page itself failed (e.g. the database is down): stay plain
        return FALLBACK.format(request_id=escape(g.get("request_id") or "-")), 500


def init_app(app):
    """Register the handlers."""
    app.register_error_handler(SecurityError, _untrusted_host)
    app.register_error_handler(CSRFError, _csrf_error)
    app.register_error_handler(Refused, _refused)
    app.register_error_handler(OperationalError, _database_error)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(500, _server_error)
