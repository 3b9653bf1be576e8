"""Organisations, people, their groups and who speaks for which organisation."""

from functools import cached_property

from flask_login import UserMixin
from peewee import (
    JOIN,
    BooleanField,
    CharField,
    DateField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    TextField,
    fn,
)

from intranet.clock import now, today
from intranet.glossary import (
    CONTACT_KINDS,
    GROUPS,
    ORGANISATION_STATUSES,
    SECTORS,
)
from intranet.models.base import BaseModel
from intranet.workflows.states import OrganisationStatus

# The projectgroep: two members per werkveld of education (each on one hoofdthema), one
# from the gemeente and one for the partners in the city (projectplan, Organisatiestructuur).
WERKVELDEN = {
    "VSE": "Voorschoolse educatie",
    "PO": "Primair onderwijs",
    "VO": "Voortgezet onderwijs",
    "MBO": "Middelbaar beroepsonderwijs",
    "HO": "Hogeschool",
    "WO": "Universiteit",
    "gemeente": "Gemeente",
    "partners": "Partners in de stad",
}
SEATS_PER_WERKVELD = {"gemeente": 1, "partners": 1}  # every other werkveld: two
# The werkvelden of education: VSE, PO, VO, MBO, HO and WO (also sectors of partners).
EDUCATION_WERKVELDEN = [werkveld for werkveld in WERKVELDEN if werkveld not in SEATS_PER_WERKVELD]
HOOFDTHEMAS = {
    "motivatie": "Motivatie als motor van talentontwikkeling",
    "maatwerk": "Onderwijs op Maat voor Talenten",
    "overgang": "Overgang & Aansluiting",
}


class Organisation(BaseModel):
    """A school, board, institution or company in the network (or applying to it)."""

    name = CharField(unique=True)
    sector = CharField(choices=list(SECTORS.items()))
    municipality = CharField()
    pupil_count = IntegerField(null=True)  # leerlingen, or kindplaatsen for VSE
    website = CharField(default="")
    profile = TextField(default="")
    status = CharField(default=OrganisationStatus.ASPIRANT, index=True)
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
        """Partners of the network now, by name: partners, and LEF partners that went on as
        such when a convenant ended (only the first sign the next convenant: rounds/)."""
        return cls.select().where(cls.status.in_(OrganisationStatus.CURRENT)).order_by(cls.name)

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
        query = (
            cls.select(cls.municipality)
            .where(cls.status.in_(OrganisationStatus.CURRENT))
            .distinct()
        )
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
    # Bumped whenever the address, the password or the account's state changes: the links
    # mailed before it die (intranet/tokens.py, `account_stamp`).
    credential_epoch = IntegerField(default=0)
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
        self.credentials_changed()
        self.save(only=[User.password_hash, User.session_epoch, User.credential_epoch])

    def credentials_changed(self):
        """The address, password or state changed (the caller saves): every session and
        every account link made before ends."""
        self.session_epoch += 1
        self.credential_epoch += 1

    @cached_property
    def groups(self):
        """The groups this person sits in now, as {group: is_voorzitter} (none before
        the address is confirmed)."""
        if not self.confirmed:
            return {}
        seats = Membership.current().where(Membership.user == self.id)
        return {seat.group: seat.voorzitter for seat in seats}

    @cached_property
    def organisation_ids(self):
        """The organisations this person is contactpersoon of (none before confirmed)."""
        return {c.organisation_id for c in self.contacts} if self.confirmed else set()

    @cached_property
    def professional_of(self):
        """The organisation this person works at as a professional (none before confirmed)."""
        if not self.confirmed:
            return None
        link = Professional.get_or_none(Professional.user == self.id)
        return link.organisation_id if link else None

    @property
    def roles(self):
        """Every role name this person holds, for guards and navigation."""
        roles = set(self.groups)
        if self.groups.get("regiegroep"):
            roles.add("voorzitter")
        if self.organisation_ids:
            roles.add("contactpersoon")
        if self.professional_of:
            roles.add("professional")
        return roles

    def has_role(self, *roles):
        """True if this person holds any of the roles."""
        return bool(self.roles.intersection(roles))

    @classmethod
    def search(cls, text=""):
        """Accounts by name, optionally those whose name or address contains a text."""
        query = cls.select().order_by(cls.name, cls.id)
        if text:
            query = query.where(cls.name.contains(text) | cls.email.contains(text.lower()))
        return query

    @classmethod
    def load(cls, user_id):
        """The user with their groups (seats current today) and organisations in one query,
        or None (each request)."""
        day = today()
        seat = (
            (Membership.user == cls.id)
            & (Membership.starts_on <= day)
            & (Membership.ends_on.is_null() | (Membership.ends_on > day))
        )
        rows = list(
            cls.select(
                cls,
                Membership.group.alias("seat"),
                Membership.voorzitter.alias("chairs"),
                Contact.organisation.alias("contact_of"),
                Professional.organisation.alias("works_at"),
            )
            .join(Membership, JOIN.LEFT_OUTER, on=seat)
            .switch(cls)
            .join(Contact, JOIN.LEFT_OUTER, on=(Contact.user == cls.id))
            .switch(cls)
            .join(Professional, JOIN.LEFT_OUTER, on=(Professional.user == cls.id))
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
        user.__dict__["professional_of"] = rows[0].works_at if confirmed else None
        return user

    @classmethod
    def by_email(cls, email):
        """The account for an e-mail address, or None."""
        return cls.get_or_none(cls.email == email.strip().lower())

    @classmethod
    def in_group(cls, group):
        """Active people with a current seat in a group, by name."""
        seats = Membership.current(group).select(Membership.user)
        return cls.select().where(cls.id.in_(seats), cls.active).order_by(cls.name)

    @classmethod
    def projectleider(cls):
        """The projectleider someone outside the intranet can write to (a referee): the
        first current seat holder by name, or None."""
        return cls.in_group("projectleider").first()


class Membership(BaseModel):
    """A seat in the projectleider, projectgroep or regiegroep group, from one date to another.

    A seat counts from `starts_on` up to the day before `ends_on` (the first day without it);
    a seat without `ends_on` runs on. Only seats current today make someone a member.
    """

    user = ForeignKeyField(User, backref="memberships", on_delete="CASCADE")
    group = CharField(choices=list(GROUPS.items()))
    voorzitter = BooleanField(default=False)
    starts_on = DateField(default=today)
    ends_on = DateField(null=True)
    werkveld = CharField(default="")  # projectgroep seats: one of WERKVELDEN
    hoofdthema = CharField(default="")  # projectgroep seats: one of HOOFDTHEMAS
    plan_note = TextField(default="")  # why the seat was given beyond its werkveld's plan
    created_at = DateTimeField(default=now)

    class Meta:
        indexes = ((("user", "group"), False), (("group", "starts_on"), False))

    @classmethod
    def current(cls, group=None, day=None):
        """Seats current on a day (today), optionally of one group."""
        day = day or today()
        query = cls.select().where(
            cls.starts_on <= day, cls.ends_on.is_null() | (cls.ends_on > day)
        )
        return query.where(cls.group == group) if group else query

    @classmethod
    def member_ids(cls, group, day=None):
        """Ids of the active people with a seat in the group on a day (today)."""
        query = cls.current(group, day or today()).select(cls.user).join(User).where(User.active)
        return {user_id for (user_id,) in query.tuples()}

    @classmethod
    def roster(cls, day=None):
        """Seats current or still to come, with their people: by group, werkveld, name."""
        day = day or today()
        return (
            cls.select(cls, User)
            .join(User)
            .where(cls.ends_on.is_null() | (cls.ends_on > day))
            .order_by(cls.group, cls.werkveld, User.name, cls.starts_on)
        )

    @classmethod
    def ended(cls, day=None, limit=100):
        """Seats that have ended, latest first."""
        day = day or today()
        return (
            cls.select(cls, User)
            .join(User)
            .where(cls.ends_on <= day)
            .order_by(cls.ends_on.desc(), User.name)
            .limit(limit)
        )

    @classmethod
    def of_person(cls, user):
        """Every seat of one person, latest first."""
        return cls.select().where(cls.user == user.id).order_by(cls.starts_on.desc())

    def is_current(self, day=None):
        """True if this seat counts on a day (today)."""
        day = day or today()
        return self.starts_on <= day and (self.ends_on is None or self.ends_on > day)

    @property
    def may_chair(self):
        """True for a regiegroep seat: only its members can be voorzitter."""
        return self.group == "regiegroep"

    @property
    def werkveld_label(self):
        """The werkveld in words."""
        return WERKVELDEN.get(self.werkveld, self.werkveld)

    @property
    def hoofdthema_label(self):
        """The hoofdthema in words."""
        return HOOFDTHEMAS.get(self.hoofdthema, self.hoofdthema)


# What the database itself holds about seats (migrations/0017), named so the schema check
# pairs them: one voorzitter; one seat per person per group on any day (on PostgreSQL the
# index of an exclusion constraint over the seat's days, on SQLite the index its triggers
# look up by).
Membership.add_index(
    Membership.index(
        Membership.group, unique=True, where=Membership.voorzitter, name="membership_one_voorzitter"
    )
)
Membership.add_index(
    Membership.index(
        Membership.user,
        Membership.group,
        Membership.starts_on,
        where=Membership.starts_on.is_null(False),
        name="membership_one_seat_per_person",
    )
)


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


class Professional(BaseModel):
    """A person who works at a partner or vriend and has an account of their own: they join
    networks, follow meetings and choose newsletters (intranet/professionals/)."""

    user = ForeignKeyField(User, unique=True, backref="professional_links", on_delete="CASCADE")
    organisation = ForeignKeyField(Organisation, index=True, on_delete="CASCADE")
    created_at = DateTimeField(default=now)

    @classmethod
    def of_organisation(cls, organisation):
        """An organisation's professionals with their accounts, by name."""
        return (
            cls.select(cls, User)
            .join(User)
            .where(cls.organisation == organisation.id)
            .order_by(User.name, User.id)
        )
