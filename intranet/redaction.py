"""Token links never outlive their mail: what the outbox shows and keeps after sending."""

import re
from urllib.parse import urlsplit

from flask import current_app
from werkzeug.exceptions import HTTPException

URL = re.compile(r"https?://\S+")
REDACTED = "[persoonlijke link, alleen verstuurd aan {to}]"


def _route_path(path, prefix):
    """A link's path as the app's routes see it: without BASE_URL's path (…/intranet)."""
    if prefix and (path == prefix or path.startswith(prefix + "/")):
        return path[len(prefix) :] or "/"
    return path


def redact(body, to):
    """The body with every link that carries a token (reset, invitation, referee, ...)
    replaced by a note that it was sent to `to`: what the outbox shows, keeps and exports.

    Links are matched against the routes relative to BASE_URL's path, so a site served
    under https://host/intranet redacts its links too.
    """
    adapter = current_app.url_map.bind("localhost")
    prefix = urlsplit(current_app.config.get("BASE_URL") or "").path.rstrip("/")

    def replace(match):
        path = urlsplit(match.group()).path
        for candidate in {_route_path(path, prefix), path}:
            try:
                _, arguments = adapter.match(candidate, method="GET")
            except HTTPException:
                continue
            if "token" in arguments:
                return REDACTED.format(to=to)
        return match.group()

    return URL.sub(replace, body)
