"""A person's private calendar link: a secret in the URL, renewable (which ends the old one)."""

import secrets

from peewee import CharField, DateTimeField, ForeignKeyField

from intranet.clock import now
from intranet.models import BaseModel, User


class CalendarFeed(BaseModel):
    """The secret that opens one person's calendar feed; one per person."""

    user = ForeignKeyField(User, unique=True, backref="calendar_feeds", on_delete="CASCADE")
    token = CharField(unique=True)
    created_at = DateTimeField(default=now)

    @classmethod
    def of(cls, user):
        """The person's feed, or None while they have not asked for one."""
        return cls.get_or_none(cls.user == user.id)

    @classmethod
    def renew(cls, user):
        """A new secret for the person's feed; the old link stops working at once."""
        token = secrets.token_urlsafe(24)
        cls.insert(user=user.id, token=token, created_at=now()).on_conflict(
            conflict_target=[cls.user], update={cls.token: token, cls.created_at: now()}
        ).execute()
        return cls.of(user)

    @classmethod
    def owner(cls, token):
        """The active person whose feed this secret opens, or None."""
        if not token or len(token) > 64:
            return None
        return (
            User.select()
            .join(cls, on=(cls.user == User.id))
            .where(cls.token == token, User.active)
            .first()
        )
