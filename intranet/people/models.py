"""What people and seats add to the database beyond the core models: address changes."""

from peewee import CharField, DateTimeField, ForeignKeyField

from intranet.clock import now
from intranet.models import BaseModel, User


class AddressChange(BaseModel):
    """A new e-mail address for an account, waiting for its link to confirm it.

    The link names this row, so it can only ever confirm this address; a later request for
    the same account makes the earlier link void.
    """

    user = ForeignKeyField(User, backref="address_changes", on_delete="CASCADE")
    email = CharField()
    requested_at = DateTimeField(default=now)
    confirmed_at = DateTimeField(null=True)

    def is_latest(self):
        """True unless a newer change was asked for the same account."""
        newer = AddressChange.select().where(
            AddressChange.user == self.user_id, AddressChange.id > self.id
        )
        return not newer.exists()

    @classmethod
    def waiting_for(cls, user):
        """The address an account waits to confirm, or None."""
        latest = cls.select().where(cls.user == user.id).order_by(cls.id.desc()).first()
        return latest if latest and latest.confirmed_at is None else None
