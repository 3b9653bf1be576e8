"""Organisations, people, their groups and who speaks for which organisation."""

from functools import cached_property

from flask_login import UserMixin
from peewee import (
    JOIN,
    BooleanField,
    CharField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    TextField,
    fn,
)

from intranet.clock import now
from intranet.glossary import (
    CONTACT_KINDS,
    GROUPS,
    ORGANISATION_STATUSES,
    SECTORS,
)
from intranet.models.base import BaseModel


class Organisation(BaseModel):
    """A school, board, institution or company in the network (or applying to it)."""

    name = CharField(unique=True)
    sector = CharField(choices=list(SECTORS.items()))
    municipality = CharField()
    pupil_count = IntegerField(null=True)  # leerlingen, or kindplaatsen for VSE
    website = CharField(default="")
    profile = TextField(default="")
    status = CharField(default="aspirant", index=True)
    membership_type = CharField(default="convenant")
    lef_partner = BooleanField(default=False)
    created_at = DateTimeField(default=now)

    class Meta:
        # The directory lists partners by name and offers their municipalities.
        indexes = ((("status", "name"), False), (("status", "municipality"), False))

    @property
    def sector_label(self):
        """The sector in words."""
        return SECTORS.get(self.sector, self.sector)

    @property
    def status_label(self):
        """The status in words."""
        return ORGANISATION_STATUSES.get(self.status, self.status)

    @classmethod
    def current_partners(cls):
        """Partners of the network now, by name."""
        return cls.select().where(cls.status == "partner").order_by(cls.name)

    @classmethod
    def directory(cls, sector=None, municipality=None, name=""):
        """Current partners for the public directory, optionally of one sector or municipality,
        or whose name contains a text."""
        query = cls.current_partners()
        if name:
            query = query.where(cls.name.contains(name))
        if sector:
            query = query.where(cls.sector == sector)
        if municipality:
            query = query.where(cls.municipality == municipality)
        return query

    @classmethod
    def partner_municipalities(cls):
        """The municipalities where current partners are, alphabetically."""
        query = cls.select(cls.municipality).where(cls.status == "partner").distinct()
        return [name for (name,) in query.order_by(cls.municipality).tuples()]

    @classmethod
    def without_achtervang(cls):
        """Current partners that have no achtervang (the projectleider is told)."""
        backup = Contact.select().where(
            Contact.organisation == cls.id, Contact.kind == "achtervang"
        )
        return cls.current_partners().where(~fn.EXISTS(backup))

    @classmethod
    def spoken_for_by(cls, user):
        """The organisations a person is contactpersoon (or achtervang) of, by name."""
        return cls.select().join(Contact).where(Contact.user == user.id).order_by(cls.name)


class User(UserMixin, BaseModel):
    """A person with an account."""

    email = CharField(unique=True)
    name = CharField()
    password_hash = CharField(null=True)
    active = BooleanField(default=True)
    email_confirmed_at = DateTimeField(null=True)
    session_epoch = IntegerField(default=0)
    created_at = DateTimeField(default=now)

    @property
    def is_active(self):
        """Inactive accounts cannot log in (Flask-Login asks this)."""
        return self.active

    def get_id(self):
        """The login id: the account, its session epoch (bumping it ends every session) and
        the moment of logging in (sessions and remember-me cookies end after a while)."""
        return f"{self.id}:{self.session_epoch}:{int(now().timestamp())}"

    @property
    def confirmed(self):
        """True once the address is confirmed; before that the account holds no role."""
        return self.email_confirmed_at is not None

    def reclaim_if_unconfirmed(self):
        """Someone else is about to vouch for this address (an invitation, a backup contact):
        if it is unconfirmed, whoever made the account loses it (no password, no session),
        and the link mailed to the address lets its owner choose the password."""
        if self.confirmed:
            return
        self.password_hash = None
        self.session_epoch += 1
        self.save(only=[User.password_hash, User.session_epoch])

    @cached_property
    def groups(self):
        """The groups this person sits in, as {group: is_voorzitter} (none before confirmed)."""
        return {m.group: m.voorzitter for m in self.memberships} if self.confirmed else {}

    @cached_property
    def organisation_ids(self):
        """The organisations this person is contactpersoon of (none before confirmed)."""
        return {c.organisation_id for c in self.contacts} if self.confirmed else set()

    @property
    def roles(self):
        """Every role name this person holds, for guards and navigation."""
        roles = set(self.groups)
        if self.groups.get("regiegroep"):
            roles.add("voorzitter")
        if self.organisation_ids:
            roles.add("contactpersoon")
        return roles

    def has_role(self, *roles):
        """True if this person holds any of the roles."""
        return bool(self.roles.intersection(roles))

    @classmethod
    def load(cls, user_id):
        """The user with their groups and organisations in one query, or None (each request)."""
        rows = list(
            cls.select(
                cls,
                Membership.group.alias("seat"),
                Membership.voorzitter.alias("chairs"),
                Contact.organisation.alias("contact_of"),
            )
            .join(Membership, JOIN.LEFT_OUTER, on=(Membership.user == cls.id))
            .switch(cls)
            .join(Contact, JOIN.LEFT_OUTER, on=(Contact.user == cls.id))
            .where(cls.id == user_id)
            .objects()
        )
        if not rows:
            return None
        user = rows[0]
        confirmed = user.confirmed  # before that the account holds no role (see groups)
        user.__dict__["groups"] = {row.seat: row.chairs for row in rows if row.seat and confirmed}
        user.__dict__["organisation_ids"] = {
            row.contact_of for row in rows if row.contact_of and confirmed
        }
        return user

    @classmethod
    def by_email(cls, email):
        """The account for an e-mail address, or None."""
        return cls.get_or_none(cls.email == email.strip().lower())

    @classmethod
    def in_group(cls, group):
        """Active members of a group, by name."""
        return (
            cls.select()
            .join(Membership)
            .where(Membership.group == group, cls.active)
            .order_by(cls.name)
        )


class Membership(BaseModel):
    """A seat in the projectleider, projectgroep or regiegroep group."""

    user = ForeignKeyField(User, backref="memberships", on_delete="CASCADE")
    group = CharField(choices=list(GROUPS.items()))
    voorzitter = BooleanField(default=False)
    created_at = DateTimeField(default=now)

    class Meta:
        indexes = ((("user", "group"), True),)


class Contact(BaseModel):
    """A contactpersoon (ambassadeur) or achtervang of an organisation."""

    organisation = ForeignKeyField(Organisation, backref="contacts", on_delete="CASCADE")
    user = ForeignKeyField(User, backref="contacts", on_delete="CASCADE")
    kind = CharField(default="primary", choices=list(CONTACT_KINDS.items()))
    created_at = DateTimeField(default=now)

    class Meta:
        indexes = ((("organisation", "user"), True),)

    @property
    def kind_label(self):
        """Contactpersoon or achtervang, in words."""
        return CONTACT_KINDS.get(self.kind, self.kind)

    @classmethod
    def of_organisation(cls, organisation):
        """An organisation's contacts with their accounts: contactpersonen first, by name."""
        return (
            cls.select(cls, User)
            .join(User)
            .where(cls.organisation == organisation.id)
            .order_by(cls.kind.desc(), User.name)
        )
