"""Records the machinery keeps: mail, login attempts, used links, settings."""

from peewee import CharField, DateTimeField, ForeignKeyField, IntegerField, TextField

from intranet.clock import now
from intranet.models.base import BaseModel
from intranet.models.people import User

MAIL_STATUSES = {
    "queued": "in de wachtrij",
    "sending": "wordt verstuurd",
    "sent": "verstuurd",
    "stored": "bewaard",
    "failed": "mislukt",
}


class OutboxMessage(BaseModel):
    """An e-mail: queued in the transaction that causes it, sent by a sender outside the
    request (`mail work`, tick) that holds a lease on it."""

    to = CharField()
    subject = CharField()
    body = TextField()
    kind = CharField(default="")  # the template it was written from (Reply-To per kind)
    attachment = CharField(default="")  # "maker:reference", made into a file when sent
    status = CharField(default="queued", index=True)  # queued, sending, sent, stored, failed
    attempts = IntegerField(default=0)
    last_error = TextField(default="")
    created_at = DateTimeField(default=now, index=True)
    next_attempt_at = DateTimeField(null=True, index=True)  # None: as soon as possible
    sent_at = DateTimeField(null=True)
    # The lease of the sender that holds it ("sending"): who (a random claim) and since when.
    # claimed_at stays after the attempt: the moment of the last attempt (for /healthz).
    claim = CharField(null=True)
    claimed_at = DateTimeField(null=True, index=True)
    # Optional: an HTML alternative to the plain body, and extra headers as a JSON object
    # (e.g. List-Unsubscribe for newsletters); None for the plain mails.
    html = TextField(null=True)
    headers = TextField(null=True)

    @classmethod
    def newest(cls, limit=100):
        """The newest messages first."""
        return cls.select().order_by(cls.id.desc()).limit(limit)

    @property
    def status_label(self):
        """The status in words."""
        return MAIL_STATUSES.get(self.status, self.status)

    @classmethod
    def search(cls, text=None, status=None):
        """Messages whose recipient or subject holds the text, of one status; newest first."""
        query = cls.select().order_by(cls.id.desc())
        if text:
            query = query.where(cls.to.contains(text) | cls.subject.contains(text))
        if status:
            query = query.where(cls.status == status)
        return query

    @classmethod
    def due(cls, moment, ids=None):
        """Ids of queued messages whose next attempt is due, oldest first."""
        query = cls.select(cls.id).where(
            cls.status == "queued",
            cls.next_attempt_at.is_null() | (cls.next_attempt_at <= moment),
        )
        if ids is not None:
            query = query.where(cls.id.in_(ids))
        return query.order_by(cls.id)


class MailAddress(BaseModel):
    """What is known about a mail address beyond its accounts: it unsubscribed from the
    newsletters, or the SMTP server refused it for good (a hard bounce). Either stops the
    newsletters to it until it is corrected (intranet/newsletters/)."""

    email = CharField(unique=True)
    unsubscribed_at = DateTimeField(null=True)
    bounced_at = DateTimeField(null=True)
    bounce_error = TextField(default="")

    class Meta:
        table_name = "mail_address"

    @classmethod
    def _mark(cls, email, **values):
        email = email.strip().lower()
        cls.insert(email=email, **values).on_conflict(
            conflict_target=[cls.email], update=values
        ).execute()

    @classmethod
    def unsubscribe(cls, email):
        """The address wants no more newsletters."""
        cls._mark(email, unsubscribed_at=now())

    @classmethod
    def bounce(cls, email, error):
        """The server refused the address for good: no newsletters until corrected."""
        cls._mark(email, bounced_at=now(), bounce_error=error[:1000])

    @classmethod
    def blocked(cls):
        """The addresses that get no newsletter (unsubscribed or bounced)."""
        query = cls.select(cls.email).where(
            cls.unsubscribed_at.is_null(False) | cls.bounced_at.is_null(False)
        )
        return {email for (email,) in query.tuples()}


class LoginAttempt(BaseModel):
    """A failed login, counted per account and per address by every worker."""

    key = CharField(index=True)  # "account:<email>" or "address:<ip>"
    at = DateTimeField(default=now, index=True)


class UsedLink(BaseModel):
    """A signed link that has been used: its nonce, so it works only once."""

    nonce = CharField(unique=True)
    purpose = CharField()
    used_at = DateTimeField(default=now)


class Setting(BaseModel):
    """A small key-value store for machine state (the demo's note, for one)."""

    key = CharField(primary_key=True)
    value = TextField()

    @classmethod
    def read(cls, key, default=None):
        """The value of a setting, or the default."""
        row = cls.get_or_none(cls.key == key)
        return row.value if row else default

    @classmethod
    def write(cls, key, value):
        """Store a setting, replacing any earlier value."""
        cls.insert(key=key, value=value).on_conflict(
            conflict_target=[cls.key], update={cls.value: value}
        ).execute()


class FormAnswers(BaseModel):
    """The answers of an application form not yet saved as a draft, kept between its steps.

    The browser holds only the key (in its session, or in the link of the e-mail that lets
    a newcomer come back); the password is never kept here. Removed when the form is saved
    as a draft, or by retention after KEEP_UNSAVED_FORMS.
    """

    key = CharField(unique=True)  # a digest of the secret the browser holds
    user = ForeignKeyField(User, null=True, on_delete="CASCADE")  # a logged-in applicant
    email = CharField(default="")  # the newcomer's address, once named (the return link)
    values = TextField(default="{}")  # JSON: field name -> answer
    done = TextField(default="[]")  # JSON: the steps passed
    nonce = CharField()  # the form's submission nonce: saved as a draft once
    created_at = DateTimeField(default=now)
    updated_at = DateTimeField(default=now)
