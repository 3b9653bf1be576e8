"""Friendly Dutch error pages with the right status codes, never a bare 500."""

from flask import render_template
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from intranet.glossary import ERROR_PAGES as MESSAGES


def error_page(status, detail=None):
    """Render the error page for a status, with an optional specific message."""
    title, message = MESSAGES.get(status) or MESSAGES[400 if status < 500 else 500]
    return render_template("error.html", title=title, message=detail or message), status


def _http_error(error):
    """The Dutch page with the error's own status (an unusual 4xx stays a 4xx) and headers."""
    page, status = error_page(error.code)
    headers = [(k, v) for k, v in error.get_headers() if k.lower() != "content-type"]
    return page, status, headers  # e.g. Allow on a 405, Content-Range on a 416


def _csrf_error(error):
    return error_page(
        400, "Het formulier is verlopen of ongeldig (beveiligingscode). Laad de pagina opnieuw."
    )


FALLBACK = (
    '<!doctype html><html lang="nl"><title>Er ging iets mis</title>'
    "<h1>Er ging iets mis</h1><p>Er ging iets mis aan onze kant. Probeer het later opnieuw.</p>"
)


def _server_error(error):
    try:
        return error_page(500)
    except Exception:  # the page itself failed (e.g. the database is down): stay plain
        return FALLBACK, 500


def init_app(app):
    """Register the handlers."""
    app.register_error_handler(CSRFError, _csrf_error)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(500, _server_error)
