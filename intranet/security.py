"""Passwords, sessions, login throttling, role guards and security headers."""

from functools import wraps

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import abort, current_app, flash, request, session, url_for
from flask_login import current_user, login_user, logout_user
from peewee import fn
from werkzeug.routing import IntegerConverter

from intranet.clock import now
from intranet.extensions import login_manager
from intranet.htmx import redirect_to
from intranet.models import LoginAttempt, User

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


class DatabaseInteger(IntegerConverter):
    """`<int:...>` in a URL, at most what an integer column holds: larger is a 404, not a 500."""

    def __init__(self, map, fixed_digits=0, min=None, max=2**31 - 1, signed=False):
        super().__init__(map, fixed_digits=fixed_digits, min=min, max=max, signed=signed)


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


def check_password(user, password):
    """True if the password is the user's; rehashes when the cost was raised."""
    if not user.password_hash:
        return False
    try:
        hasher().verify(user.password_hash, password)
    except (VerificationError, InvalidHashError):
        return False
    if hasher().check_needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
        user.save(only=[User.password_hash])
    return True


def set_password(user, password):
    """Store a new password and end every existing session of this user."""
    user.password_hash = hash_password(password)
    user.session_epoch += 1
    user.save(only=[User.password_hash, User.session_epoch])


def _throttle_keys(email):
    return [f"account:{email.strip().lower()}", f"address:{request.remote_addr}"]


def login_wait(email):
    """How long the login for this account or address must wait, or None."""
    config = current_app.config
    window = config["LOGIN_THROTTLE_WINDOW"]
    since = now() - window
    account, address = _throttle_keys(email)
    rows = (
        LoginAttempt.select(LoginAttempt.key, fn.COUNT(LoginAttempt.id), fn.MIN(LoginAttempt.at))
        .where(LoginAttempt.key.in_([account, address]), LoginAttempt.at > since)
        .group_by(LoginAttempt.key)
        .tuples()
    )
    limits = {
        account: config["LOGIN_MAX_FAILURES_PER_ACCOUNT"],
        address: config["LOGIN_MAX_FAILURES_PER_ADDRESS"],
    }
    waits = [first + window - now() for key, count, first in rows if count >= limits[key]]
    return max(waits, default=None)


def record_failure(email):
    """Count a failed login against the account and the address."""
    LoginAttempt.insert_many([{"key": key} for key in _throttle_keys(email)]).execute()


def clear_failures(email):
    """A successful login forgives the account's earlier failures."""
    LoginAttempt.delete().where(LoginAttempt.key == _throttle_keys(email)[0]).execute()


def start_session(user, remember):
    """Log the user in on a fresh session."""
    session.clear()
    login_user(user, remember=remember, duration=current_app.config["REMEMBER_COOKIE_DURATION"])
    clear_failures(user.email)


def end_every_session(user):
    """Log out here and invalidate every other copy of this user's session cookies."""
    User.update(session_epoch=User.session_epoch + 1).where(User.id == user.id).execute()
    logout_user()


@login_manager.user_loader
def load_user(login_id):
    """Load the user of a session; a stale session epoch means logged out."""
    user_id, _, epoch = login_id.partition(":")
    if not user_id.isdigit() or not epoch.isdigit():
        return None
    user = User.load(int(user_id))
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
    """The `next` target if it stays on this site, else the home page."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return url_for("views.home")


def _unauthorized():
    flash("Log in om deze pagina te bekijken.", "info")
    return redirect_to(url_for("auth.login", next=request.full_path.rstrip("?")))


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


def _security_headers(response):
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    return response


def init_app(app):
    """Install the user loader's fallbacks, the input guard and the security headers."""
    login_manager.unauthorized_handler(_unauthorized)
    app.before_request(_plain_input_only)
    app.after_request(_security_headers)
