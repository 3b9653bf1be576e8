"""Signed links (referee, password reset, e-mail confirmation): bound, expiring, single use.

A link that acts on an account is bound to the account's stamp (`account_stamp`): its
address, its password, whether it is active and its credential version. Any change of
these (an address change, a new password, deactivating) ends every such link made before.
"""

import hashlib
import hmac
import secrets

from itsdangerous import BadSignature, SignatureExpired
from peewee import IntegrityError

from intranet import signing
from intranet.db import db
from intranet.models import UsedLink
from intranet.refusals import Refused


class LinkError(Refused):
    """A link that cannot be used (tampered with, expired, used, replaced); says why."""

    status = 400


EXPIRED = "Deze link is verlopen. Vraag een nieuwe aan."
INVALID = "Deze link is ongeldig of beschadigd. Controleer of u de hele link heeft gekopieerd."
USED = "Deze link is al gebruikt en werkt maar één keer."
SUPERSEDED = (
    "Deze link werkt niet meer: het e-mailadres of het wachtwoord van het account is "
    "intussen gewijzigd, of een nieuwere link is gebruikt. Vraag zo nodig een nieuwe aan."
)
INACTIVE = "Dit account is niet actief. Neem contact op met de projectleider."


def _serializer(purpose):
    """Signs with SECRET_KEY, reads with SECRET_KEY_FALLBACKS too (intranet/signing.py)."""
    return signing.serializer(f"intranet:{purpose}")


def make(purpose, subject_id, bound_to=None):
    """A signed token for one purpose and one subject, with a fresh nonce.

    `bound_to` (e.g. a digest of the account's password) is kept in the token; the link
    dies when the reader finds a different value (see `check_bound`).
    """
    payload = {"s": subject_id, "n": secrets.token_urlsafe(12)}
    if bound_to is not None:
        payload["b"] = bound_to
    return _serializer(purpose).dumps(payload)


def account_stamp(user):
    """What an account link is bound to: a digest of the account's address, password hash
    (salted: the digest tells nothing about the password), state and credential version
    ("-" for no account). Not keyed, so rotating SECRET_KEY (with fallbacks) keeps links."""
    if user is None:
        return "-"
    material = "\x1f".join(
        (user.email, user.password_hash or "-", str(bool(user.active)), str(user.credential_epoch))
    )
    return hashlib.sha256(material.encode()).hexdigest()[:24]


def check_bound(payload, bound_to):
    """Raise LinkError when the token was bound to another value than `bound_to` now."""
    if not hmac.compare_digest(str(payload.get("b", "")), str(bound_to)):
        raise LinkError(SUPERSEDED)


def read(purpose, token, max_age):
    """The payload of a valid, unexpired, unused token; raises LinkError otherwise."""
    payload = verify(purpose, token, max_age)
    if is_used(payload):
        raise LinkError(USED)
    return payload


def verify(purpose, token, max_age):
    """The payload of a genuine, unexpired token, used or not; raises LinkError otherwise.

    For a page that says more about a used link than `USED` (a referee: when they answered).
    """
    try:
        payload = _serializer(purpose).loads(token, max_age=int(max_age.total_seconds()))
    except SignatureExpired as error:
        raise LinkError(EXPIRED) from error
    except BadSignature as error:
        raise LinkError(INVALID) from error
    if not isinstance(payload, dict) or not {"s", "n"} <= payload.keys():
        raise LinkError(INVALID)
    return payload


def is_used(payload):
    """True once the token of this payload was used (consume)."""
    return UsedLink.select().where(UsedLink.nonce == payload["n"]).exists()


def consume(purpose, payload):
    """Mark a token used, inside the caller's transaction; a second use raises LinkError."""
    try:
        with db.atomic():
            UsedLink.create(nonce=payload["n"], purpose=purpose)
    except IntegrityError as error:
        raise LinkError(USED) from error
