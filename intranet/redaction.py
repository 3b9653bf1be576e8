"""Token links never outlive their mail: what the outbox shows and keeps after sending."""

import re
from urllib.parse import urlsplit

from flask import current_app
from werkzeug.exceptions import HTTPException

URL = re.compile(r"https?://\S+")
REDACTED = "[persoonlijke link, alleen verstuurd aan {to}]"


def redact(body, to):
    """The body with every link that carries a token (reset, invitation, referee, ...)
    replaced by a note that it was sent to `to`: what the outbox shows and keeps."""
    adapter = current_app.url_map.bind("localhost")

    def replace(match):
        try:
            _, arguments = adapter.match(urlsplit(match.group()).path, method="GET")
        except HTTPException:
            return match.group()
        return REDACTED.format(to=to) if "token" in arguments else match.group()

    return URL.sub(replace, body)
