"""Passwords, sessions, login throttling, role guards and security headers."""

import secrets
from datetime import datetime
from functools import wraps
from urllib.parse import urlsplit

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import abort, current_app, flash, request, session, url_for
from flask_login import current_user, login_user, logout_user
from werkzeug.routing import IntegerConverter

from intranet import guards, mail, throttle, tokens
from intranet.clock import now
from intranet.extensions import login_manager
from intranet.guards import CONTENT_SECURITY_POLICY, SECURITY_HEADERS  # noqa: F401
from intranet.htmx import redirect_to
from intranet.models import User

LARGEST_ID = 2**31 - 1  # what an integer column holds on both databases


class DatabaseInteger(IntegerConverter):
    """`<int:...>` in a URL, at most what an integer column holds: larger is a 404, not a 500."""

    def __init__(self, map, fixed_digits=0, min=None, max=LARGEST_ID, signed=False):
        super().__init__(map, fixed_digits=fixed_digits, min=min, max=max, signed=signed)


def query_id(name):
    """An id from the query string, or None when absent, not a whole number or larger than
    an id column holds (the path's ids: DatabaseInteger)."""
    value = request.args.get(name, "")
    return int(value) if value.isdecimal() and 0 < int(value) <= LARGEST_ID else None


def hasher():
    """The argon2id hasher with the configured (OWASP) cost."""
    config = current_app.config
    return PasswordHasher(
        time_cost=config["ARGON2_TIME_COST"],
        memory_cost=config["ARGON2_MEMORY_COST"],
        parallelism=config["ARGON2_PARALLELISM"],
    )


def hash_password(password):
    """Hash a password for storage."""
    return hasher().hash(password)


def _decoy_hash():
    """A hash to verify against when there is no account: an unknown address costs as much."""
    key = (
        "decoy",
        current_app.config["ARGON2_MEMORY_COST"],
        current_app.config["ARGON2_TIME_COST"],
    )
    if key not in _DECOYS:
        _DECOYS[key] = hash_password(secrets.token_urlsafe(16))
    return _DECOYS[key]


_DECOYS = {}


def check_password(user, password):
    """True if the password is the user's (None: no account, same cost); rehashes if needed."""
    stored = user.password_hash if user is not None else None
    try:
        hasher().verify(stored or _decoy_hash(), password)
    except (VerificationError, InvalidHashError):
        return False
    if not stored:
        return False
    if hasher().check_needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
        user.save(only=[User.password_hash])
    return True


def account_link(purpose, user, subject=None):
    """A token for a link that acts on an account: it dies once the account's address,
    password or state changes (`tokens.account_stamp`). `subject` defaults to the account."""
    return tokens.make(purpose, user.id if subject is None else subject, tokens.account_stamp(user))


def account_of_link(purpose, payload, user_id=None):
    """The active account a link was made for, if nothing about it changed since."""
    user = User.get_or_none(User.id == (payload["s"] if user_id is None else user_id))
    if user is None:
        raise tokens.LinkError(tokens.INVALID)
    if not user.active:
        raise tokens.LinkError(tokens.INACTIVE)
    tokens.check_bound(payload, tokens.account_stamp(user))
    return user


CREDENTIALS = (User.password_hash, User.session_epoch, User.credential_epoch)


def set_password(user, password):
    """Store a new password; every existing session and account link of this user ends."""
    user.password_hash = hash_password(password)
    user.credentials_changed()
    user.save(only=CREDENTIALS)


def authenticate(email, password):
    """(user, None) for the right password of an active account, else (None or user, reason).

    Every try counts against the throttle before it is judged (raises throttle.Throttled);
    an unknown address costs the same hashing time as a known one. Past the account-wide
    limit the answer is BY_MAIL for every password, with the user only if it was right (the
    caller mails a login link): a guess learns nothing, the owner is never refused.
    """
    tries, by_mail = throttle.reserve_login(email, current_app.config["LOGIN_THROTTLE_WINDOW"])
    user = User.by_email(email)
    right = check_password(user, password)
    if by_mail:
        return (user if right and user.active else None), BY_MAIL
    if not right:
        return None, WRONG_PASSWORD
    throttle.forgive(tries)
    if not user.active:
        return user, INACTIVE
    throttle.login_succeeded(email)
    return user, None


LOGIN_LINK = "login-link"
WRONG_PASSWORD = "Onbekende combinatie van e-mailadres en wachtwoord."
BY_MAIL = (
    "Voor dit account zijn veel mislukte pogingen gedaan. Klopt het wachtwoord, dan sturen we "
    "een e-mail met een link om in te loggen naar het adres van het account."
)
INACTIVE = "Dit account is niet actief. Neem contact op met de projectleider."


def send_login_link(user):
    """Mail a one-time login link (at most a few per quarter of an hour per account)."""
    try:
        throttle.hit(LOGIN_LINK, user.email)
    except throttle.Throttled:
        return  # the links already sent still work
    link = mail.external_url("auth.login_by_link", token=account_link(LOGIN_LINK, user))
    mail.queue(user.email, "Inloggen op het intranet", "login_link", user=user, link=link)


def start_session(user, remember):
    """Log the user in on a fresh session."""

    session.clear()
    login_user(user, remember=remember, duration=current_app.config["REMEMBER_COOKIE_DURATION"])


def end_every_session(user):
    """Log out here and invalidate every other copy of this user's session cookies."""
    User.update(session_epoch=User.session_epoch + 1).where(User.id == user.id).execute()
    logout_user()


@login_manager.user_loader
def load_user(login_id):
    """Load the user of a session; a stale session epoch means logged out."""
    parts = login_id.split(":")
    if len(parts) != 3 or not all(part.isdecimal() for part in parts):
        return None
    user_id, epoch, logged_in = (int(part) for part in parts)
    lifetime = current_app.config["REMEMBER_COOKIE_DURATION"]
    if datetime.fromtimestamp(logged_in) + lifetime < now():
        return None  # a remember-me cookie (or session) older than its lifetime
    user = User.load(user_id)  # with seats and organisations, in one query
    if user is None or user.session_epoch != int(epoch) or not user.active:
        return None
    return user


def role_required(*roles):
    """Guard a view: anonymous users log in first, users without any of the roles get 403."""

    def decorator(view):
        @wraps(view)
        def guarded(*args, **kwargs):
            if not current_user.is_authenticated:
                return login_manager.unauthorized()
            if roles and not current_user.has_role(*roles):
                abort(403)
            return view(*args, **kwargs)

        return guarded

    return decorator


def login_required(view):
    """Guard a view for any logged-in user."""
    return role_required()(view)


def safe_next(target):
    """The `next` target if, parsed as a browser would, it is a path on this site; else home.

    Browsers drop tabs and newlines inside a URL and read a backslash as a slash, so any
    control character, space or backslash refuses the target outright.
    """
    if not target or any(ord(char) <= 0x20 or ord(char) == 0x7F or char == "\\" for char in target):
        return url_for("views.home")
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not parts.path.startswith("/") or target.startswith("//"):
        return url_for("views.home")
    return target


def _unauthorized():
    flash("Log in om deze pagina te bekijken.", "info")
    return redirect_to(url_for("auth.login", next=request.full_path.rstrip("?")))


def init_app(app):
    """Install the user loader's fallbacks, the input guard and the security headers."""
    login_manager.unauthorized_handler(_unauthorized)
    guards.init_app(app)
