"""Static files with their version in the URL: `/static/css/intranet.css?v=<hash>`.

The hash is of the file's content, so a URL names one version for good and may be cached a
year (Caddy does so for `?v=` URLs, deploy/intranet.caddy; the app too when it serves them);
a new release changes the hash and every browser fetches the new file at once. A URL
without the version, or for a file that does not exist, is never cached long.
"""

import hashlib
import os

from flask import current_app, request

LONG_CACHE = "public, max-age=31536000, immutable"
SHORT_CACHE = "no-cache"  # a browser asks again (cheaply, with ETag) before using its copy
_HASHES = {}  # (path, mtime, size) -> the content hash


def version_of(path):
    """The first 12 hex digits of the file's SHA-256; None if there is no such file."""
    try:
        status = os.stat(path)
    except OSError:
        return None
    key = (path, status.st_mtime_ns, status.st_size)
    if key not in _HASHES:
        with open(path, "rb") as file:
            _HASHES[key] = hashlib.sha256(file.read()).hexdigest()[:12]
    return _HASHES[key]


def _add_version(app):
    def add(endpoint, values):
        if endpoint == "static" and "filename" in values and "v" not in values:
            version = version_of(os.path.join(app.static_folder, values["filename"]))
            if version:
                values["v"] = version

    return add


def _cache_headers(response):
    if request.endpoint == "static":
        path = os.path.join(
            current_app.static_folder, (request.view_args or {}).get("filename", "")
        )
        versioned = response.status_code == 200 and request.args.get("v") == version_of(path)
        response.headers["Cache-Control"] = LONG_CACHE if versioned else SHORT_CACHE
        response.expires = None
    return response


def init_app(app):
    """Version every `url_for('static', ...)`, and cache static answers accordingly."""
    app.url_defaults(_add_version(app))
    app.after_request(_cache_headers)
