"""Default settings; instance/config.py and the environment override them."""

import os
from datetime import timedelta

SECRET_KEY = None  # make run writes one into instance/config.py
DATABASE_URL = None  # None: SQLite at instance/intranet.sqlite3
DATABASE_MAX_CONNECTIONS = 32
MAX_CONTENT_LENGTH = 512 * 1024

# Outbound mail: with MAIL_SERVER unset every message stays in the outbox (/beheer/outbox).
MAIL_SERVER = None
MAIL_PORT = 25
MAIL_USERNAME = None
MAIL_PASSWORD = None
MAIL_USE_TLS = False
MAIL_FROM = "De Leidse Aanpak <noreply@leidseaanpak.example.org>"
MAIL_MAX_ATTEMPTS = 8

# OWASP password storage cheat sheet: argon2id, m=19 MiB, t=2, p=1 as the floor.
ARGON2_MEMORY_COST = 19 * 1024
ARGON2_TIME_COST = 2
ARGON2_PARALLELISM = 1

LOGIN_MAX_FAILURES_PER_ACCOUNT = 5
LOGIN_MAX_FAILURES_PER_ADDRESS = 20
LOGIN_THROTTLE_WINDOW = timedelta(minutes=15)
REMEMBER_COOKIE_DURATION = timedelta(days=14)
PASSWORD_RESET_MAX_AGE = timedelta(hours=2)
EMAIL_CONFIRM_MAX_AGE = timedelta(days=7)

# Workflow settings (DOMAIN.md: "rules such as the deadline length are settings").
REFEREE_LINK_MAX_AGE = timedelta(days=21)
REFEREE_REMINDER_AFTER = timedelta(days=7)
VOTE_DURATION = timedelta(days=14)
RENEWAL_REMINDER_INTERVAL = timedelta(days=7)
SIGNER_LINK_MAX_AGE = timedelta(days=60)  # a named signer's link; the round deadline also ends it
VRIEND_REMINDER_INTERVAL = timedelta(days=7)
TICK_WARNING_AFTER = timedelta(hours=1)

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
REMEMBER_COOKIE_HTTPONLY = True
REMEMBER_COOKIE_SAMESITE = "Lax"
# Cookies travel over HTTPS only; instance/config.py (from the example) relaxes this for
# `make run` on http://127.0.0.1, a production deployment keeps these defaults.
SESSION_COOKIE_SECURE = True
REMEMBER_COOKIE_SECURE = True
WTF_CSRF_TIME_LIMIT = None  # the token lives as long as the session
WTF_CSRF_SSL_STRICT = False

_ENVIRONMENT = {
    "SECRET_KEY": str,
    "DATABASE_URL": str,
    "MAIL_SERVER": str,
    "MAIL_PORT": int,
    "MAIL_USERNAME": str,
    "MAIL_PASSWORD": str,
    "MAIL_USE_TLS": lambda value: value.lower() in {"1", "true", "yes"},
    "MAIL_FROM": str,
    "BASE_URL": str,
}


def apply_environment(config):
    """Let environment variables override the file settings."""
    for name, convert in _ENVIRONMENT.items():
        if os.environ.get(name):
            config[name] = convert(os.environ[name])


# Links in e-mails sent outside a request (by `workflows tick`) start with this.
BASE_URL = "http://127.0.0.1:5000"
