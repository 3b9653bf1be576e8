"""A newsletter for one or more werkvelden, and who it was sent to (with why)."""

from peewee import CharField, DateTimeField, ForeignKeyField, TextField

from intranet.clock import now
from intranet.models import WERKVELDEN, BaseModel, User

CONCEPT, VERZONDEN = "concept", "verzonden"


def _ids(text):
    return [int(part) for part in text.split() if part.isdecimal()]


class Newsletter(BaseModel):
    """A newsletter: an introduction and chosen published items, for werkvelden."""

    subject = CharField()
    introduction = TextField(default="")
    werkvelden = CharField(default="")  # space-separated WERKVELDEN
    news_ids = CharField(default="")  # space-separated ids of published news
    meeting_ids = CharField(default="")  # space-separated ids of coming public meetings
    activity_ids = CharField(default="")  # space-separated ids of published activities
    state = CharField(default=CONCEPT, index=True)
    sent_at = DateTimeField(null=True, index=True)
    created_by = ForeignKeyField(User, null=True, on_delete="SET NULL")
    created_at = DateTimeField(default=now)

    @property
    def is_concept(self):
        return self.state == CONCEPT

    @property
    def werkveld_list(self):
        """The werkvelden as a list."""
        return [w for w in self.werkvelden.split() if w in WERKVELDEN]

    @property
    def werkveld_labels(self):
        """The werkvelden in words."""
        return ", ".join(WERKVELDEN[w] for w in self.werkveld_list)

    @property
    def news_id_list(self):
        """The chosen news items' ids."""
        return _ids(self.news_ids)

    @property
    def meeting_id_list(self):
        """The chosen meetings' ids."""
        return _ids(self.meeting_ids)

    @property
    def activity_id_list(self):
        """The chosen activities' ids."""
        return _ids(self.activity_ids)

    @classmethod
    def archive(cls):
        """Sent newsletters, newest first (the public archive)."""
        return cls.select().where(cls.state == VERZONDEN).order_by(cls.sent_at.desc())


class NewsletterRecipient(BaseModel):
    """One address a newsletter went to, why, and the secret of its unsubscribe link."""

    newsletter = ForeignKeyField(Newsletter, backref="recipients", on_delete="CASCADE")
    email = CharField()
    name = CharField(default="")
    reason = CharField(default="")
    code = CharField(unique=True)

    class Meta:
        table_name = "newsletter_recipient"
        indexes = ((("newsletter", "email"), True),)
