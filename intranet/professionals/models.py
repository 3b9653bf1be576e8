"""The newsletters a person chose: one row per werkveld they want the newsletter of."""

from peewee import CharField, DateTimeField, ForeignKeyField

from intranet.clock import now
from intranet.models import BaseModel, User


class NewsletterSubscription(BaseModel):
    """A person receives the newsletter of one werkveld (WERKVELDEN)."""

    user = ForeignKeyField(User, backref="subscriptions", on_delete="CASCADE")
    werkveld = CharField()
    created_at = DateTimeField(default=now)

    class Meta:
        table_name = "newsletter_subscription"
        indexes = ((("user", "werkveld"), True), (("werkveld",), False))

    @classmethod
    def werkvelden_of(cls, user):
        """The werkvelden whose newsletter this person receives."""
        query = cls.select(cls.werkveld).where(cls.user == user.id)
        return {werkveld for (werkveld,) in query.tuples()}
