"""Computed parts of pages kept between requests, and dropped by any write that commits.

Every committed write to a table whose rows a page may show moves a counter, the
generation (`CacheGeneration`, moved by the database itself: intranet/db.py). A value is
kept under its key together with the generation it was computed at, so it is used only
while nothing has been written since: a write shows at once, on every worker. The user
loaded for each request (PEOPLE_KEYS) follows a second counter that only writes to the
user, seat and contact tables move. Each worker keeps its own values (Flask-Caching's
SimpleCache, bounded); reading the counters costs one query per request that uses the
cache, and a request that writes goes on with the counters its commit returned.

What is cached must not depend on anything but the database, the key and the day: keys
hold the user (for per-person parts) and today's date (for texts like "over 3 dagen").
"""

import secrets

from flask import g, render_template
from flask_caching import Cache
from flask_wtf.csrf import generate_csrf
from markupsafe import Markup

from intranet.clock import today
from intranet.db import EVERYTHING, PEOPLE, db

# Every key in the cache: its prefix (up to the first ":"), what it holds and where it is
# kept. `cached` refuses any other prefix, so this list is the whole story of the cache.
KEYS = {
    "user": "a logged-in user with their seats and organisations (security.load_user)",
    "task-count": "one person's number of tasks, for the menu (tasks/routes.py)",
    "tasks": "one person's tasks (tasks/sources.py)",
    "task-list": "one person's Mijn taken list as HTML (tasks/routes.py)",
    "dashboard": "the projectleider's dashboard sections as HTML (dashboard/routes.py)",
    "votes": "one voter's open and recently closed votes as HTML (admission/votes/routes.py)",
    "application": "an application with its organisation and applicant (decide/dossier.py)",
    "referees": "an application's current referees (decide/dossier.py)",
    "tally": "an application's vote count (decide/dossier.py)",
    "my-vote": "one member's vote on an application (decide/dossier.py)",
    "vote-dossier": "an application's dossier on the vote page as HTML (votes/routes.py)",
    "vote-panel": "one voter's vote panel with its form as HTML (votes/routes.py)",
    "directory": "one page of the partner directory for one search as HTML (partners/routes.py)",
    "directory-page": "the whole directory page for a visitor not logged in (partners/routes.py)",
    "partner-municipalities": "the municipalities the directory filters on (partners/routes.py)",
    "last-tick": "when `workflows tick` last ran, for the health check (workflows/timers.py)",
}
# Stands in a kept form for the CSRF token of the session that rendered it (cached_form_html).
TOKEN_MARK = f"csrf-{secrets.token_hex(16)}"
# Keys kept until a write to the people tables only (intranet/db.py); the rest until any write.
PEOPLE_KEYS = {"user"}
GENERATION = 'SELECT id, value FROM "cache_generation"'
cache = Cache(
    config={
        "CACHE_TYPE": "SimpleCache",
        "CACHE_DEFAULT_TIMEOUT": 600,  # a safety net only: writes drop values at once
        "CACHE_THRESHOLD": 1000,  # bounds the memory a worker gives it (keys hold search text)
    }
)


def init_app(app):
    """Give the app its own cache (tests make an app per database)."""
    cache.init_app(app)


def generation():
    """The current counters {EVERYTHING: n, PEOPLE: m}, read once per request (None: not
    known, cache nothing)."""
    if "cache_generation" not in g:
        # plain SQL: on every request, peewee building the query would cost more than it
        g.cache_generation = dict(db.execute_sql(GENERATION).fetchall()) or None
    return g.cache_generation


def cached(key, compute):
    """compute(), or the value it gave for this key since the last write (and today)."""
    prefix = key.split(":", 1)[0]
    if prefix not in KEYS:
        raise KeyError(f"{key!r}: every cache key's prefix is listed in KEYS")
    if db.in_transaction():  # it could see what this transaction has not yet committed
        return compute()
    counters = generation()
    current = counters and counters.get(PEOPLE if prefix in PEOPLE_KEYS else EVERYTHING)
    if current is None:
        return compute()
    full_key = f"{key}|{today().isoformat()}|{current}"
    found = cache.get(full_key)
    if found is None:
        found = (compute(),)  # wrapped: a computed None or [] is kept too
        cache.set(full_key, found)
    return found[0]


def cached_html(key, template, context):
    """A rendered part of a page, kept like `cached`; context() gives its variables.

    Never a part with a form in it: CSRF tokens belong to one session (cached_form_html).
    """
    return cached(key, lambda: Markup(render_template(template, **context())))


def cached_form_html(key, template, context):
    """A rendered part with a form, kept like `cached_html` without its CSRF token.

    The session's token is taken out when the part is kept and this request's session token
    put in when it is used, so a part rendered for one session never carries its token into
    another (the same person in two browsers included).
    """
    token = generate_csrf()
    kept = cached(key, lambda: render_template(template, **context()).replace(token, TOKEN_MARK))
    return Markup(kept.replace(TOKEN_MARK, token))


class Lazy:
    """A list computed (or taken from the cache) only when a template reads it."""

    def __init__(self, compute):
        self._compute = compute
        self._items = None

    def _read(self):
        if self._items is None:
            self._items = list(self._compute())
        return self._items

    def __iter__(self):
        return iter(self._read())

    def __len__(self):
        return len(self._read())

    def __bool__(self):
        return bool(self._read())
