"""Default settings; instance/config.py and the environment override them."""

import os
from datetime import timedelta
from decimal import Decimal

SECRET_KEY = None  # make run writes one into instance/config.py
# Earlier keys, still accepted (never used to sign) while sessions and links signed with them
# run out: set the old key here when rotating (docs/operations.md), remove it later.
SECRET_KEY_FALLBACKS = []
# A signature up to this far "in the future" is accepted: a small backward clock step (NTP,
# a resumed VM) must not end sessions or links signed just before it.
CLOCK_SKEW = timedelta(seconds=60)
# Development (make run) may run without a SECRET_KEY of its own; production refuses to start.
DEVELOPMENT = False
# How many reverse proxies (Caddy: 1) stand in front of gunicorn and set X-Forwarded-*;
# 0 trusts none, so a client cannot forge its address.
TRUSTED_PROXY_COUNT = 0
LOG_LEVEL = "INFO"
SENTRY_DSN = None  # errors also go to Sentry (or GlitchTip) when set; nothing is sent without
SENTRY_ENVIRONMENT = "production"
NETWORK_NAME = "De Leidse Aanpak"
DATABASE_URL = None  # None: SQLite at instance/intranet.sqlite3
DATABASE_MAX_CONNECTIONS = 32
# Seconds a request waits for a database lock (another writer) before it answers 503,
# "probeer het zo opnieuw", with nothing changed.
DATABASE_LOCK_WAIT = 5
MAX_CONTENT_LENGTH = 512 * 1024
NEWS_IMAGE_MAX_BYTES = 400 * 1024  # a news item's image (intranet/news/images.py)

# Outbound mail: with MAIL_SERVER unset every message stays in the outbox (/beheer/outbox).
MAIL_SERVER = None
MAIL_PORT = 25
MAIL_USERNAME = None
MAIL_PASSWORD = None
MAIL_USE_TLS = False  # STARTTLS, with the server's certificate verified
MAIL_USE_SSL = False  # implicit TLS from the first byte (port 465), certificate verified
MAIL_CA_FILE = None  # trust these CAs instead of the system's (a private mail server)
MAIL_FROM = "noreply@leidseaanpak.example.org"  # sent as "NETWORK_NAME <MAIL_FROM>"
MAIL_REPLY_TO = {}  # per message kind (the template name), e.g. {"referee_invitation": "..."}
MAIL_TIMEOUT = 10  # seconds per SMTP command
MAIL_BATCH_SIZE = 500  # messages per SMTP connection per tick
MAIL_MAX_ATTEMPTS = 8
MAIL_RETRY_FIRST = timedelta(minutes=2)  # then 4, 8, 16 ... minutes
MAIL_RETRY_LONGEST = timedelta(hours=6)
# A sender's claim on a message lasts this long; then another may send it. Longer than one
# message can take (MAIL_TIMEOUT per SMTP command), so a slow sender is never overtaken.
MAIL_CLAIM_LEASE = timedelta(minutes=10)
MAIL_POLL_SECONDS = 5  # `mail work` (intranet-mail.service) looks for due mail this often
# /healthz is unhealthy when a due message waited longer than MAIL_ALERT_AFTER, or at least
# MAIL_ALERT_FAILURES messages failed at their last attempt within MAIL_ALERT_WINDOW.
MAIL_ALERT_AFTER = timedelta(minutes=15)
MAIL_ALERT_FAILURES = 1
MAIL_ALERT_WINDOW = timedelta(hours=1)

# OWASP password storage cheat sheet: argon2id, m=19 MiB, t=2, p=1 as the floor.
ARGON2_MEMORY_COST = 19 * 1024
ARGON2_TIME_COST = 2
ARGON2_PARALLELISM = 1

# Failed logins per window (intranet/throttle.py): a client the account knows (its browser,
# or an address it logged in from) counts only against itself; unknown clients also share
# an account-wide and an address-wide limit.
LOGIN_MAX_FAILURES_PER_CLIENT = 5
LOGIN_MAX_FAILURES_PER_ACCOUNT = 20
LOGIN_MAX_FAILURES_PER_ADDRESS = 20
LOGIN_THROTTLE_WINDOW = timedelta(minutes=15)
# Forms that mail or tell whether an account exists: (requests, per window) per address
# (and per e-mail address where the form names one).
RATE_LIMITS = {
    "password-reset": (5, timedelta(minutes=15)),
    "login-link": (3, timedelta(minutes=15)),
    "apply": (60, timedelta(minutes=15)),
    "apply-check": (120, timedelta(minutes=15)),
    "form-return": (3, timedelta(hours=1)),  # "later verder" mails, per address and per e-mail
    "meeting-registration": (10, timedelta(minutes=15)),  # per address and per e-mail address
    "professional-sign-up": (10, timedelta(minutes=15)),
}
# "Ingelogd blijven" lasts this long, checked on the server too (the login id carries the
# moment of logging in); without it a session ends after SESSION_IDLE_TIMEOUT unused.
REMEMBER_COOKIE_DURATION = timedelta(days=14)
SESSION_IDLE_TIMEOUT = timedelta(hours=2)
# Browsers keep to HTTPS for a year; instance/config.py (for http://127.0.0.1) sets None.
STRICT_TRANSPORT_SECURITY = "max-age=31536000; includeSubDomains"
PASSWORD_RESET_MAX_AGE = timedelta(hours=2)
LOGIN_LINK_MAX_AGE = timedelta(minutes=15)  # mailed past the account-wide login limit
EMAIL_CONFIRM_MAX_AGE = timedelta(days=7)

# Workflow settings: rules such as the length of a deadline are settings (docs/domain.md).
REFEREE_LINK_MAX_AGE = timedelta(days=21)
PARTNER_INVITE_MAX_AGE = timedelta(days=14)
IMPORT_MAX_BYTES = 5 * 1024 * 1024  # the largest file the import of the network reads
REFEREE_REMINDER_AFTER = timedelta(days=7)
VOTE_DURATION = timedelta(days=14)
VOTE_REMINDER_DAYS_BEFORE = 3  # members who have not voted are reminded this long before
RENEWAL_REMINDER_INTERVAL = timedelta(days=7)
SIGNER_LINK_MAX_AGE = timedelta(days=60)  # a named signer's link; the round deadline also ends it
VRIEND_REMINDER_INTERVAL = timedelta(days=7)
# The decision on continuing the convenant is due a year before the period ends (art. 5); it
# goes on the regiegroep's list this long before that (a meeting falls in between: the
# regiegroep meets three times a year), and the projectleider is reminded this long before.
CONTINUATION_ON_AGENDA_BEFORE = timedelta(days=120)
# The body that decides on the convenant's continuation, as pages and mails name it (the
# intranet group stays the regiegroep). Since September 2021 the regiegroep meets with LEF's
# stuurgroep as one body: "stuurgroep Leidse Aanpak met LEF" names that (the demo does).
DECIDING_BODY = "regiegroep"
CONTINUATION_REMINDER_BEFORE = timedelta(days=30)
TICK_WARNING_AFTER = timedelta(hours=1)
# Netwerk: answer links live until long after any meeting; reminders a day before; every
# partner should have its jaargesprek planned by this (month, day) of the schooljaar.
MEETING_LINK_MAX_AGE = timedelta(days=180)
MEETING_REMINDER_BEFORE = timedelta(days=1)
# A public registration without an account: its seat is held this long for the confirmation,
# and the confirmation link works this long (after that the registration is removed).
MEETING_REGISTRATION_HOLD = timedelta(hours=1)
MEETING_REGISTRATION_CONFIRM_WITHIN = timedelta(days=2)
JAARGESPREK_PLANNED_BY = (12, 1)

# Invoices of abonnementsgelden: payment term, reminder, and who sends them.
INVOICE_PAYMENT_DAYS = 30
INVOICE_REMINDER_AFTER = timedelta(days=45)  # after the invoice date, if still open
# The sender on every invoice and credit note: the projectplan puts the administration with
# the SWV Passend Onderwijs VO (set its real address in instance/config.py).
INVOICE_ISSUER = [
    "De Leidse Aanpak voor Talentontwikkeling",
    "p/a Samenwerkingsverband Passend Onderwijs VO 2801, administratie",
    "Leiden",
]
INVOICE_IBAN = "NL00 BANK 0000 0000 00"  # set the real account in instance/config.py
# Whom a finance department asks about an invoice: named in the e-mail, and its Reply-To
# (the From stays MAIL_FROM). MAIL_REPLY_TO may still name another address per message kind.
INVOICE_CONTACT = "de administratie van De Leidse Aanpak"
INVOICE_REPLY_TO = "administratie@leidseaanpak.example.org"
INVOICE_MAILS = ("invoice", "invoice_reminder", "credit_note")
# Whom a reply reaches when a mail invites one (a question, "laat het weten", a paper
# signature to send, a mailing to the vrienden): the projectleider, as its Reply-To (the From
# stays MAIL_FROM, which nobody reads). Mails about one's own account (password, login link)
# keep no Reply-To. MAIL_REPLY_TO may still name another address per message kind.
PROJECTLEIDER_REPLY_TO = "projectleider@leidseaanpak.example.org"
PROJECTLEIDER_MAILS = (
    "account_invite",
    "admission_backup",
    "admission_form_return",
    "admission_question",
    "admission_received",
    "admission_referee",
    "admission_referee_copy",
    "admission_referee_reminder",
    "admission_rejected",
    "admission_welcome",
    "network_called_off",
    "network_invitation",
    "network_registration_confirmed",
    "network_reminder",
    "network_seat",
    "newsletter",
    "partner_added",
    "partner_invite",
    "renewal_answered",
    "renewal_invitation",
    "renewal_reminder",
    "renewal_signed_copy",
    "renewal_signer",
    "vriend_answered",
    "vriend_invitation",
    "vriend_mailing",
    "vriend_reminder",
)
# The begroting's projectgroep payout: the seats of these werkvelden are paid in money (the
# others' employers give the hours in natura), 90 hours each at this rate. The projectplan
# gives 90 hours and the 2018-2019 line, € 16.683, but no rate: € 61,79 is worked back from it
# as three VO seats × 90 hours (an assumption; see docs/domain.md, "The begroting").
PROJECTGROEP_PAID_WERKVELDEN = ("VO",)
PROJECTGROEP_HOURLY_RATE = Decimal("61.79")

# Privacy (AVG): tick removes these records once they are older than this.
KEEP_LOGIN_ATTEMPTS = timedelta(days=30)
KEEP_USED_LINKS = timedelta(days=90)  # longer than any link lives, so none works again
KEEP_SENT_MAIL_BODIES = timedelta(days=90)
KEEP_UNSAVED_FORMS = timedelta(days=30)  # an application form never saved; its e-mailed link
PRIVACY_CONTACT = None  # an address for privacy questions, shown on /privacy

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
WTF_I18N_ENABLED = False  # WTForms speaks Dutch through its own translations (forms.Form.Meta)


def _flag(value):
    return value.lower() in {"1", "true", "yes"}


_ENVIRONMENT = {
    "SECRET_KEY": str,
    "SECRET_KEY_FALLBACKS": lambda value: [key.strip() for key in value.split(",") if key.strip()],
    "DEVELOPMENT": _flag,
    "TRUSTED_PROXY_COUNT": int,
    "LOG_LEVEL": str,
    "SENTRY_DSN": str,
    "SENTRY_ENVIRONMENT": str,
    "NETWORK_NAME": str,
    "PRIVACY_CONTACT": str,
    "DATABASE_URL": str,
    "MAIL_SERVER": str,
    "MAIL_PORT": int,
    "MAIL_USERNAME": str,
    "MAIL_PASSWORD": str,
    "MAIL_USE_TLS": _flag,
    "MAIL_USE_SSL": _flag,
    "MAIL_FROM": str,
    "MAIL_CA_FILE": str,
    "BASE_URL": str,
    "INVOICE_REPLY_TO": str,
    "INVOICE_CONTACT": str,
    "PROJECTLEIDER_REPLY_TO": str,
    "TRUSTED_HOSTS": lambda value: [host.strip() for host in value.split(",") if host.strip()],
}


def from_environment():
    """The settings the environment gives (empty variables count as unset)."""
    return {
        name: convert(os.environ[name])
        for name, convert in _ENVIRONMENT.items()
        if os.environ.get(name)
    }


# Keys that are published (examples, tests, old demos): never good enough for production.
KNOWN_KEYS = {"dev", "demo", "secret", "change-me", "changeme", "test-secret", "bench"}
MIN_KEY_LENGTH = 32


def derive(config):
    """Settings that follow from others: the Reply-To of the mails that invite a reply (the
    projectleider's, the invoice mails' to the administration), unless MAIL_REPLY_TO names one
    for that kind."""
    derived = {}
    for address, kinds in (
        (config.get("PROJECTLEIDER_REPLY_TO"), config.get("PROJECTLEIDER_MAILS", ())),
        (config.get("INVOICE_REPLY_TO"), config.get("INVOICE_MAILS", ())),
    ):
        if address:
            derived.update(dict.fromkeys(kinds, address))
    config["MAIL_REPLY_TO"] = {**derived, **config["MAIL_REPLY_TO"]}


class ConfigurationError(RuntimeError):
    """A setting makes it unsafe to start; the message is one line for the administrator."""


def check(config):
    """Refuse to run outside development without a SECRET_KEY of our own."""
    if config.get("DEVELOPMENT") or config.get("TESTING"):
        return
    key = config.get("SECRET_KEY")
    if not key:
        raise ConfigurationError(
            "SECRET_KEY is not set: set it in the environment (see deploy/intranet.env.example)"
        )
    if key in KNOWN_KEYS or len(key) < MIN_KEY_LENGTH:
        raise ConfigurationError(
            f"SECRET_KEY is a published example or shorter than {MIN_KEY_LENGTH} characters: "
            "make one with python3 -c 'import secrets; print(secrets.token_hex(32))'"
        )


# Every link in every e-mail starts with this, inside a request or outside (`workflows tick`);
# the Host header of a request never goes into a mail.
BASE_URL = "http://127.0.0.1:5000"
# The hosts the app answers (Flask's own setting); any other Host header gets a 400. None:
# only BASE_URL's host. A leading dot allows subdomains (".example.org").
TRUSTED_HOSTS = None
