"""LEF's networks (zichtlijnen and dwarslijnen), their meetings, programmes and invitations."""

from peewee import (
    JOIN,
    BooleanField,
    Case,
    CharField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    TextField,
    fn,
)

from intranet.clock import now
from intranet.models import BaseModel, Organisation, User
from intranet.workflows.states import MeetingState

NETWORK_KINDS = {"zichtlijn": "Zichtlijn", "dwarslijn": "Dwarslijn"}
MEETING_KINDS = {
    "netwerkbijeenkomst": "Netwerkbijeenkomst voor contactpersonen",
    "themabijeenkomst": "Themabijeenkomst",
    "conferentie": "Conferentie / festival",
    "onderwijscafe": "Onderwijscafé",
}
AUDIENCES = {
    "contactpersonen": "Alle contactpersonen van partners",
    "vrienden": "Vrienden van LEF",
    "netwerken": "Leden van gekozen netwerken",
    "personen": "Genoemde personen",
    "publiek": "Openbaar",
}
# An invitee's answer; "wachtlijst" is "komt" while the meeting is full.
UITGENODIGD, KOMT, KOMT_NIET, WACHTLIJST = "uitgenodigd", "komt", "komt_niet", "wachtlijst"
ANSWERS = {
    UITGENODIGD: "Nog niet geantwoord",
    KOMT: "Komt",
    KOMT_NIET: "Komt niet",
    WACHTLIJST: "Op de wachtlijst",
}


class Network(BaseModel):
    """A zichtlijn or dwarslijn of LEF, with its central question."""

    slug = CharField(unique=True)
    name = CharField(unique=True)
    kind = CharField(choices=list(NETWORK_KINDS.items()))
    question = TextField(default="")
    description = TextField(default="")
    position = IntegerField(default=0)

    @property
    def kind_label(self):
        """Zichtlijn or dwarslijn."""
        return NETWORK_KINDS.get(self.kind, self.kind)

    @classmethod
    def listing(cls):
        """Every network, zichtlijnen first, each with `.member_count` (two queries)."""
        networks = list(cls.select().order_by(cls.kind.desc(), cls.position, cls.name))
        counts = dict(
            NetworkMember.select(NetworkMember.network, fn.COUNT(NetworkMember.id))
            .group_by(NetworkMember.network)
            .tuples()
        )
        for network in networks:
            network.member_count = counts.get(network.id, 0)
        return networks

    def members(self):
        """The members with their accounts, zichthouders first, by name."""
        return (
            NetworkMember.select(NetworkMember, User)
            .join(User)
            .where(NetworkMember.network == self.id, User.active)
            .order_by(NetworkMember.zichthouder.desc(), User.name)
        )

    def zichthouders(self):
        """The people who hold this network's course."""
        return self.members().where(NetworkMember.zichthouder)

    def membership_of(self, user):
        """The user's membership of this network, or None."""
        return NetworkMember.get_or_none(
            NetworkMember.network == self.id, NetworkMember.user == user.id
        )


class NetworkMember(BaseModel):
    """A person in a network; a zichthouder holds its course and writes to its members."""

    network = ForeignKeyField(Network, backref="memberships", on_delete="CASCADE")
    user = ForeignKeyField(User, backref="network_memberships", on_delete="CASCADE")
    zichthouder = BooleanField(default=False)
    joined_at = DateTimeField(default=now)

    class Meta:
        indexes = ((("network", "user"), True),)

    @classmethod
    def zichthouder_of(cls, user):
        """The ids of the networks this person is zichthouder of."""
        query = cls.select(cls.network).where(cls.user == user.id, cls.zichthouder)
        return {network_id for (network_id,) in query.tuples()}


class Meeting(BaseModel):
    """A meeting: concept, gepubliceerd (invitations sent) or afgelast. Times are UTC."""

    kind = CharField(choices=list(MEETING_KINDS.items()))
    title = CharField()
    description = TextField(default="")
    starts_at = DateTimeField(index=True)
    ends_at = DateTimeField()
    location = CharField(default="")
    capacity = IntegerField(null=True)  # None: no limit
    audience = CharField(choices=list(AUDIENCES.items()))
    named_emails = TextField(default="")  # audience "personen": one address a line
    asks_contributions = BooleanField(default=False)
    contributions_call = TextField(default="")
    state = CharField(index=True)
    published_at = DateTimeField(null=True)
    created_by = ForeignKeyField(User, null=True, on_delete="SET NULL")
    created_at = DateTimeField(default=now)
    walk_in_at = DateTimeField(null=True)  # inloop: the doors open before the start
    registration_closes_at = DateTimeField(null=True)  # None: open until the start

    @property
    def kind_label(self):
        """The kind in words."""
        return MEETING_KINDS.get(self.kind, self.kind)

    @property
    def is_public(self):
        """A public meeting: on the agenda, anyone may register for it."""
        return self.audience == "publiek"

    @property
    def registration_closed(self):
        """True once registering (saying komt) is no longer possible."""
        closes = self.registration_closes_at or self.starts_at
        return now() >= min(closes, self.starts_at)

    @property
    def audience_label(self):
        """The audience in words."""
        return AUDIENCES.get(self.audience, self.audience)

    @property
    def has_started(self):
        """True from the start of the meeting on: answers are closed."""
        return now() >= self.starts_at

    def audience_network_ids(self):
        """The networks whose members are invited (audience "netwerken")."""
        query = MeetingNetwork.select(MeetingNetwork.network).where(MeetingNetwork.meeting == self)
        return [network_id for (network_id,) in query.tuples()]

    def counts(self):
        """{answer: count} of this meeting's invitations (one query)."""
        query = (
            Invitation.select(Invitation.answer, fn.COUNT(Invitation.id))
            .where(Invitation.meeting == self.id)
            .group_by(Invitation.answer)
        )
        return {answer: 0 for answer in ANSWERS} | dict(query.tuples())

    def programme(self):
        """The programme's parts in order, with their network and contribution."""
        return (
            ProgrammePart.select(ProgrammePart, Network)
            .join(Network, JOIN.LEFT_OUTER)
            .where(ProgrammePart.meeting == self.id)
            .order_by(ProgrammePart.position, ProgrammePart.id)
        )

    @classmethod
    def upcoming_public(cls):
        """Published public meetings that have not ended, soonest first."""
        return (
            cls.select()
            .where(
                cls.state == MeetingState.PUBLISHED, cls.audience == "publiek", cls.ends_at > now()
            )
            .order_by(cls.starts_at)
        )

    @classmethod
    def overview(cls):
        """Every meeting, newest first (for the projectleider)."""
        return cls.select().order_by(cls.starts_at.desc())


class MeetingNetwork(BaseModel):
    """A network whose members a meeting invites."""

    meeting = ForeignKeyField(Meeting, backref="audience_networks", on_delete="CASCADE")
    network = ForeignKeyField(Network, on_delete="CASCADE")

    class Meta:
        indexes = ((("meeting", "network"), True),)


class Invitation(BaseModel):
    """One person's invitation to one meeting: their answer, place in line, attendance."""

    meeting = ForeignKeyField(Meeting, backref="invitations", on_delete="CASCADE")
    user = ForeignKeyField(User, on_delete="CASCADE")
    answer = CharField(default=UITGENODIGD)
    answered_at = DateTimeField(null=True)
    waiting_since = DateTimeField(null=True)  # the order of the waiting list
    reminded_at = DateTimeField(null=True)
    attended = BooleanField(null=True)
    created_at = DateTimeField(default=now)

    class Meta:
        indexes = (
            (("meeting", "user"), True),
            (("meeting", "answer"), False),
            (("user", "meeting"), False),
        )

    @property
    def answer_label(self):
        """The answer in words."""
        return ANSWERS.get(self.answer, self.answer)

    @classmethod
    def of(cls, meeting, user):
        """The user's invitation to the meeting, or None."""
        return cls.get_or_none(cls.meeting == meeting.id, cls.user == user.id)

    @classmethod
    def listing(cls, meeting, answer=None):
        """The meeting's invitees with their accounts, by name (paginate the result)."""
        query = (
            cls.select(cls, User)
            .join(User)
            .where(cls.meeting == meeting.id)
            .order_by(User.name, cls.id)
        )
        return query.where(cls.answer == answer) if answer else query

    @classmethod
    def waiting_list(cls, meeting):
        """The waiting list, first in line first."""
        return (
            cls.select()
            .where(cls.meeting == meeting.id, cls.answer == WACHTLIJST)
            .order_by(cls.waiting_since, cls.id)
        )

    @classmethod
    def of_user(cls, user):
        """The user's invitations to published meetings, with the meetings: those that wait
        for an answer first (soonest first), then the others, newest first."""
        waiting = (cls.answer == UITGENODIGD) & (Meeting.starts_at > now())
        return (
            cls.select(cls, Meeting, waiting.alias("waiting"))
            .join(Meeting)
            .where(cls.user == user.id, Meeting.state == MeetingState.PUBLISHED)
            .order_by(
                Case(None, [(waiting, 0)], 1),
                Case(None, [(waiting, Meeting.starts_at)], None),
                Meeting.starts_at.desc(),
            )
        )


# A public registration's state: unconfirmed until the link in the mail is used.
ONBEVESTIGD = "onbevestigd"
REGISTRATION_ANSWERS = {ONBEVESTIGD: "Nog niet bevestigd", **ANSWERS}


class Registration(BaseModel):
    """Someone without an account registered for a public meeting (or walked in).

    `code` is the secret of the links in their mails (confirm, cancel); the e-mail address
    is never shown on a public page.
    """

    meeting = ForeignKeyField(Meeting, backref="registrations", on_delete="CASCADE")
    name = CharField()
    email = CharField(default="")  # a walk-in may leave it empty
    organisation = ForeignKeyField(Organisation, null=True, on_delete="SET NULL")
    organisation_other = CharField(default="")  # "anders": the name they typed
    answer = CharField(default=ONBEVESTIGD)
    code = CharField(unique=True)
    walk_in = BooleanField(default=False)
    confirmed_at = DateTimeField(null=True)
    waiting_since = DateTimeField(null=True)
    attended = BooleanField(null=True)
    created_at = DateTimeField(default=now)

    class Meta:
        table_name = "meeting_registration"
        indexes = ((("meeting", "answer"), False), (("meeting", "email"), False))

    @property
    def answer_label(self):
        """The state in words."""
        return REGISTRATION_ANSWERS.get(self.answer, self.answer)

    @property
    def organisation_name(self):
        """The organisation from the list, or the one they typed."""
        return self.organisation.name if self.organisation_id else self.organisation_other

    @classmethod
    def listing(cls, meeting):
        """The meeting's confirmed registrations and walk-ins, with organisations, by name."""
        return (
            cls.select(cls, Organisation)
            .join(Organisation, JOIN.LEFT_OUTER)
            .where(cls.meeting == meeting.id, cls.answer != ONBEVESTIGD)
            .order_by(cls.name, cls.id)
        )


class Contribution(BaseModel):
    """A partner's proposal for a meeting's programme (contribution_workflow.py)."""

    meeting = ForeignKeyField(Meeting, backref="contributions", on_delete="CASCADE")
    organisation = ForeignKeyField(Organisation, on_delete="CASCADE")
    network = ForeignKeyField(Network, null=True, on_delete="SET NULL")
    submitted_by = ForeignKeyField(User, null=True, on_delete="SET NULL")
    title = CharField()
    description = TextField()
    partners_involved = TextField(default="")
    needs = TextField(default="")
    state = CharField(index=True)
    created_at = DateTimeField(default=now)

    @classmethod
    def with_context(cls, case_id):
        """One contribution with its meeting and organisation, or None."""
        return (
            cls.select(cls, Meeting, Organisation)
            .join(Meeting)
            .switch(cls)
            .join(Organisation)
            .where(cls.id == case_id)
            .get_or_none()
        )

    @classmethod
    def of_meeting(cls, meeting):
        """A meeting's proposals with their organisations, newest first."""
        return (
            cls.select(cls, Organisation)
            .join(Organisation)
            .where(cls.meeting == meeting.id)
            .order_by(cls.id.desc())
        )


class ProgrammePart(BaseModel):
    """A part of a meeting's programme; it may belong to a network or be a contribution."""

    meeting = ForeignKeyField(Meeting, backref="parts", on_delete="CASCADE")
    position = IntegerField(default=0)
    title = CharField()
    description = TextField(default="")
    network = ForeignKeyField(Network, null=True, on_delete="SET NULL")
    contribution = ForeignKeyField(Contribution, null=True, unique=True, on_delete="CASCADE")
