"""Throttling: guesses slow down per account and per client address, atomically.

Every try is counted *before* it is judged (a row per key, committed), so a parallel burst
cannot slip more tries past the limit than a sequential one: the n-th committed row sees at
least n rows. A try over a limit is refused and its rows removed again; a try that succeeds
is forgiven.

A stranger must not be able to lock the owner out. So the login counts the failures of a
client the account knows (a browser that logged in before, or an address it logged in from)
only against that client; only unknown clients share the account-wide and address-wide
limits. And the account-wide limit never refuses the right password: past it, an unknown
client with the right password is sent a one-time login link by e-mail instead of a session
(`reserve_login`), so guessing gains nothing while the owner can still get in.
"""

import hashlib
import hmac
import secrets
from datetime import timedelta
from functools import partial, wraps

from flask import after_this_request, current_app, request
from itsdangerous import BadSignature
from peewee import fn

from intranet import signing
from intranet.clock import now
from intranet.db import db
from intranet.models import LoginAttempt
from intranet.refusals import Refused

DEVICE_COOKIE = "known_device"
KNOWN_FOR = timedelta(days=180)


TOO_MANY_REQUESTS = "Te veel verzoeken vanaf uw adres. Probeer het over {minutes} minuten opnieuw."


class Throttled(Refused):
    """Too many tries; `wait` says how long until the next one counts."""

    status = 429

    def __init__(self, wait):
        self.wait = wait
        super().__init__(TOO_MANY_REQUESTS.format(minutes=self.minutes))

    @property
    def minutes(self):
        """The wait in whole minutes, at least one."""
        return max(1, round(self.wait.total_seconds() / 60))


def client_address():
    """The client's address (ProxyFix, when configured, has put the real one here)."""
    return request.remote_addr or "-"


def reserve(limits, window, soft=()):
    """Count one try against every key ({key: limit}); raise Throttled if one is over,
    unless only `soft` keys are; returns (the tries' ids, whether a soft key is over)."""
    with db.atomic():
        ids = [LoginAttempt.insert(key=key).execute() for key in limits]
    since = now() - window
    rows = (
        LoginAttempt.select(LoginAttempt.key, fn.COUNT(LoginAttempt.id), fn.MIN(LoginAttempt.at))
        .where(LoginAttempt.key.in_(list(limits)), LoginAttempt.at > since)
        .group_by(LoginAttempt.key)
        .tuples()
    )
    over = {key: first for key, count, first in rows if count > limits[key]}
    waits = [first + window - now() for key, first in over.items() if key not in soft]
    if waits:
        forgive(ids)
        raise Throttled(max(max(waits), timedelta(seconds=1)))
    return ids, bool(over)


def reserve_login(email, window):
    """Count a login try: (ids, by_mail). Throttled past the client's or the address's
    limit; past the account-wide limit only `by_mail`: the right password then earns a
    login link by e-mail, not a session (and never a refusal)."""
    limits = login_limits(email)
    return reserve(limits, window, soft={f"account:{_email_key(email)}"})


def forgive(ids):
    """Take tries back (they succeeded, or were refused before they were tried)."""
    LoginAttempt.delete().where(LoginAttempt.id.in_(ids)).execute()


def is_known_client():
    """The rows that remember a client that logged in before (not tries)."""
    return LoginAttempt.key.startswith("known:")


def prune(moment=None):
    """Forget tries older than KEEP_LOGIN_ATTEMPTS and known clients older than KNOWN_FOR;
    returns how many rows went (intranet/privacy/retention.py calls it at every tick)."""
    moment = moment or now()
    old_try = ~is_known_client() & (
        LoginAttempt.at < moment - current_app.config["KEEP_LOGIN_ATTEMPTS"]
    )
    old_client = is_known_client() & (LoginAttempt.at < moment - KNOWN_FOR)
    return LoginAttempt.delete().where(old_try | old_client).execute()


def _serializer():
    return signing.serializer("intranet:known-device")


def _email_key(email):
    return email.strip().lower()


def _account_digest(email, device, key):
    """Which account a known-device cookie is for, unreadable without the key: the cookie
    itself is only signed, so it must not carry the address."""
    message = f"{device}|{_email_key(email)}".encode()
    return hmac.new(str(key).encode(), message, hashlib.sha256).hexdigest()[:32]


def _device_of(email):
    """The known-device cookie's id if this browser logged in to this account before."""
    try:
        value = _serializer().loads(
            request.cookies.get(DEVICE_COOKIE, ""), max_age=int(KNOWN_FOR.total_seconds())
        )
    except BadSignature:  # also an expired one
        return None
    if not isinstance(value, dict) or not isinstance(value.get("d"), str):
        return None
    device, digest = value["d"], str(value.get("a", ""))
    for key in signing.readable_keys():  # made with the key of its day: a fallback too
        if hmac.compare_digest(digest, _account_digest(email, device, key)):
            return device
    return None


def _address_known(email):
    key = f"known:{_email_key(email)}|{client_address()}"
    since = now() - KNOWN_FOR
    return LoginAttempt.select().where(LoginAttempt.key == key, LoginAttempt.at > since).exists()


def login_limits(email):
    """The keys (and their limits) one login try for this account counts against."""
    config = current_app.config
    account = _email_key(email)
    per_client = config["LOGIN_MAX_FAILURES_PER_CLIENT"]
    device = _device_of(email)
    if device:
        return {f"device:{device}": per_client}
    pair = {f"client:{account}|{client_address()}": per_client}
    if _address_known(email):
        return pair
    return {
        **pair,
        f"account:{account}": config["LOGIN_MAX_FAILURES_PER_ACCOUNT"],
        f"address:{client_address()}": config["LOGIN_MAX_FAILURES_PER_ADDRESS"],
    }


def login_succeeded(email):
    """Clear this client's failures and remember it as a known client of the account."""
    account = _email_key(email)
    client, known = (f"{kind}:{account}|{client_address()}" for kind in ("client", "known"))
    LoginAttempt.delete().where(LoginAttempt.key.in_([client, known])).execute()
    LoginAttempt.create(key=known)
    after_this_request(partial(remember_device, email))


def remember_device(email, response):
    """Give this browser a signed cookie: it is a known client of this account from now on."""
    device = secrets.token_urlsafe(12)
    key = current_app.config["SECRET_KEY"]
    value = _serializer().dumps({"d": device, "a": _account_digest(email, device, key)})
    config = current_app.config
    response.set_cookie(
        DEVICE_COOKIE,
        value,
        max_age=int(KNOWN_FOR.total_seconds()),
        secure=config["SESSION_COOKIE_SECURE"],
        httponly=True,
        samesite="Lax",
    )
    return response


def hit(name, subject=None):
    """Count a request to a rate-limited form (per address, and per subject if given)."""
    config = current_app.config
    limit, window = config["RATE_LIMITS"][name]
    limits = {f"{name}:address:{client_address()}": limit}
    if subject:
        limits[f"{name}:subject:{_email_key(subject)}"] = limit
    return reserve(limits, window)[0]


def limited(name):
    """Rate-limit a view's POSTs per client address (RATE_LIMITS[name]); over it: a 429."""

    def decorator(view):
        @wraps(view)
        def guarded(*args, **kwargs):
            if request.method == "POST":
                hit(name)  # Throttled, uncaught: the one error answer
            return view(*args, **kwargs)

        return guarded

    return decorator
