"""Friendly Dutch error pages with the right status codes, never a bare 500."""

from flask import render_template
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, SecurityError

MESSAGES = {
    400: ("Ongeldig verzoek", "Het verzoek kon niet worden verwerkt. Controleer de invoer."),
    403: ("Geen toegang", "U heeft geen toegang tot deze pagina of actie."),
    404: ("Niet gevonden", "Deze pagina of dit dossier bestaat niet (meer)."),
    405: ("Niet toegestaan", "Deze actie kan op deze manier niet worden uitgevoerd."),
    409: ("Al afgehandeld", "Iemand anders heeft dit al afgehandeld. Bekijk de actuele stand."),
    413: ("Te groot", "Het verzonden formulier is te groot. Maak de tekst korter."),
    415: ("Ongeldig verzoek", "Het intranet neemt alleen formulieren aan. Gebruik het formulier."),
    429: ("Te veel verzoeken", "Even geduld: probeer het over enkele minuten opnieuw."),
    500: ("Er ging iets mis", "Er ging iets mis aan onze kant. Probeer het later opnieuw."),
}


def error_page(status, detail=None):
    """Render the error page for a status, with an optional specific message."""
    title, message = MESSAGES.get(status) or MESSAGES[400 if status < 500 else 500]
    return render_template("error.html", title=title, message=detail or message), status


def _http_error(error):
    """The Dutch page with the error's own status (an unusual 4xx stays a 4xx) and headers."""
    page, status = error_page(error.code)
    headers = [(k, v) for k, v in error.get_headers() if k.lower() != "content-type"]
    return page, status, headers  # e.g. Allow on a 405, Content-Range on a 416


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
)


def _server_error(error):
    try:
        return error_page(500)
    except Exception:  # the page itself failed (e.g. the database is down): stay plain
        return FALLBACK, 500


def init_app(app):
    """Register the handlers."""
    app.register_error_handler(SecurityError, _untrusted_host)
    app.register_error_handler(CSRFError, _csrf_error)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(500, _server_error)
