"""What people and seats add to the database beyond the core models: address changes, and
proposals of a new voorzitter."""

from peewee import CharField, DateTimeField, ForeignKeyField

from intranet.clock import now
from intranet.models import BaseModel, Membership, User


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


class ChairProposal(BaseModel):
    """A regiegroep member proposed as voorzitter, waiting for the regiegroep to confirm.

    The outgoing voorzitter or another member (neither the one proposed nor the proposer)
    confirms or declines; a later proposal replaces a waiting one (intranet/people/seats.py).
    """

    seat = ForeignKeyField(Membership, backref="chair_proposals", on_delete="CASCADE")
    proposed_by = ForeignKeyField(User, backref="+", on_delete="CASCADE")
    proposed_at = DateTimeField(default=now)
    decided_by = ForeignKeyField(User, null=True, backref="+", on_delete="SET NULL")
    decided_at = DateTimeField(null=True)
    outcome = CharField(default="")  # a ChairOutcome (workflows/states.py)

    @classmethod
    def waiting(cls):
        """The proposal that waits for the regiegroep, or None."""
        return cls.select().where(cls.outcome == "").order_by(cls.id.desc()).first()
