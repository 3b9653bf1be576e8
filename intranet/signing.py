"""Everything the intranet signs (sessions, e-mailed links, the known-device cookie, the
remember-me cookie): signed with SECRET_KEY, still read with SECRET_KEY_FALLBACKS (so a key
can be rotated without ending every session and link in flight), and tolerant of a clock
that stepped back a little (CLOCK_SKEW)."""

from flask import current_app
from flask.sessions import SecureCookieSessionInterface
from flask_login import LoginManager
from flask_login.utils import decode_cookie, encode_cookie
from itsdangerous import SignatureExpired, TimestampSigner, URLSafeTimedSerializer


def readable_keys(app=None):
    """The keys to read with, oldest first and the signing key (SECRET_KEY) last."""
    config = (app or current_app).config
    return [*(config.get("SECRET_KEY_FALLBACKS") or []), config["SECRET_KEY"]]


class SkewTolerantSigner(TimestampSigner):
    """A timestamp signer that accepts a signature made up to CLOCK_SKEW seconds "in the
    future": after a small backward step of the clock (NTP, a VM resumed), what was signed
    just before it stays valid. itsdangerous itself refuses any negative age."""

    skew = 0

    def unsign(self, signed_value, max_age=None, return_timestamp=False):
        """Verify the signature and the age, allowing `skew` seconds of negative age."""
        value, signed_at = super().unsign(signed_value, return_timestamp=True)
        if max_age is not None:
            age = self.get_timestamp() - int(signed_at.timestamp())
            if age > max_age or age < -self.skew:
                raise SignatureExpired(
                    f"signature age {age} outside [-{self.skew}, {max_age}] seconds",
                    payload=value,
                    date_signed=signed_at,
                )
        return (value, signed_at) if return_timestamp else value


def _signer(app=None):
    skew = int((app or current_app).config["CLOCK_SKEW"].total_seconds())
    return type("Signer", (SkewTolerantSigner,), {"skew": skew})


def serializer(salt):
    """A URL-safe timed serializer for one purpose (the salt), with every readable key."""
    return URLSafeTimedSerializer(readable_keys(), salt=salt, signer=_signer())


class SessionInterface(SecureCookieSessionInterface):
    """Flask's signed cookie session (it honours SECRET_KEY_FALLBACKS), skew-tolerant."""

    def get_signing_serializer(self, app):
        """Flask's serializer with the skew-tolerant signer."""
        if not app.secret_key:
            return None
        return URLSafeTimedSerializer(
            readable_keys(app),
            salt=self.salt,
            serializer=self.serializer,
            signer=_signer(app),
            signer_kwargs={
                "key_derivation": self.key_derivation,
                "digest_method": self.digest_method,
            },
        )


class RotatingLoginManager(LoginManager):
    """Flask-Login, whose remember-me cookie also reads with SECRET_KEY_FALLBACKS."""

    def _load_user_from_remember_cookie(self, cookie):
        if decode_cookie(cookie) is None:  # not the current key: perhaps an older one
            for key in current_app.config.get("SECRET_KEY_FALLBACKS") or []:
                payload = decode_cookie(cookie, key=key)
                if payload is not None:
                    cookie = encode_cookie(payload)  # as if signed with the current key
                    break
        return super()._load_user_from_remember_cookie(cookie)
