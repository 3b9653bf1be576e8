"""The record of every reminder to those who have not answered: who sent it, when, to whom."""

from peewee import JOIN, CharField, DateTimeField, ForeignKeyField, IntegerField

from intranet.clock import now
from intranet.models import BaseModel, User


class Reminder(BaseModel):
    """A reminder sent for a vote (an application) or a round: the audit record, never changed.

    sent_by is None when `workflows tick` sent it on its own a few days before the deadline.
    """

    subject = CharField()  # "vote" (subject_id: an application) or "round" (a round)
    subject_id = IntegerField()
    sent_at = DateTimeField(default=now)
    sent_by = ForeignKeyField(User, null=True, on_delete="SET NULL")
    recipients = IntegerField(default=0)

    class Meta:
        indexes = ((("subject", "subject_id", "sent_at"), False),)

    def save(self, *args, **kwargs):
        """Insert only: a reminder that was sent stays as it was recorded."""
        if self.id is not None:
            raise ValueError("a reminder record cannot be changed")
        return super().save(*args, **kwargs)

    @classmethod
    def latest(cls, subject, subject_id, by_hand=None):
        """The newest reminder for the vote or round (only by hand, or only automatic), or None."""
        query = (
            cls.select(cls, User)
            .join(User, JOIN.LEFT_OUTER)
            .where(cls.subject == subject, cls.subject_id == subject_id)
            .order_by(cls.sent_at.desc(), cls.id.desc())
        )
        if by_hand is True:
            query = query.where(cls.sent_by.is_null(False))
        elif by_hand is False:
            query = query.where(cls.sent_by.is_null())
        return query.first()
