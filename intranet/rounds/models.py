"""Convenant periods, who was partner in which, the regiegroep's decision, and the rounds."""

from peewee import (
    JOIN,
    SQL,
    BooleanField,
    CharField,
    DateField,
    DateTimeField,
    ForeignKeyField,
    TextField,
    fn,
)

from intranet.clock import now
from intranet.deadlines import end_of, last_day, year_before
from intranet.glossary import ROUND_KINDS
from intranet.models import BaseModel, Contact, Organisation, User
from intranet.workflows.states import (
    ContinuationState,
    OrganisationStatus,
    PeriodState,
    RenewalState,
    VriendState,
)


class ConvenantPeriod(BaseModel):
    """A convenant period (gepland, lopend, afgelopen) with the text partners sign."""

    name = CharField(unique=True)
    starts_on = DateField()
    ends_on = DateField()
    signing_deadline = DateField(null=True)
    text = TextField(default="")
    previous = ForeignKeyField("self", null=True, backref="successors", on_delete="SET NULL")
    state = CharField(index=True)
    created_at = DateTimeField(default=now)
    created_by = ForeignKeyField(User, null=True, on_delete="SET NULL")

    @property
    def decision(self):
        """The regiegroep's voortzetting/beëindiging decision on this period."""
        return ContinuationDecision.get_or_none(ContinuationDecision.period == self)

    @property
    def successor(self):
        """The period that follows this one, or None."""
        return self.successors.order_by(ConvenantPeriod.starts_on).first()

    def round(self, kind):
        """This period's renewal or vriend round, or None."""
        return Round.get_or_none(Round.period == self, Round.kind == kind)

    def member_ids(self):
        """A subquery: the organisations that are partner in this period."""
        return PeriodMembership.select(PeriodMembership.organisation).where(
            PeriodMembership.period == self
        )

    def members(self):
        """The partners of this period, by name."""
        return Organisation.select().where(Organisation.id.in_(self.member_ids()))

    @classmethod
    def overview(cls):
        """Every period, newest first, with its decision and member count (three queries)."""
        periods = list(cls.select().order_by(cls.starts_on.desc()))
        decisions = {d.period_id: d for d in ContinuationDecision.select()}
        counts = dict(
            PeriodMembership.select(PeriodMembership.period, fn.COUNT(PeriodMembership.id))
            .group_by(PeriodMembership.period)
            .tuples()
        )
        for period in periods:
            period.decision_case = decisions.get(period.id)
            if period.decision_case is not None:
                period.decision_case.period = period  # its deadline reads the period's end
            period.member_count = counts.get(period.id, 0)
        return periods

    @classmethod
    def running(cls):
        """The period that runs now (the latest, should two overlap), or None."""
        query = cls.select().where(cls.state == PeriodState.RUNNING)
        return query.order_by(cls.starts_on.desc()).first()

    @classmethod
    def latest_before(cls, day):
        """The period that started last before a day: the one a new period follows."""
        return cls.select().where(cls.starts_on < day).order_by(cls.starts_on.desc()).first()


class PeriodMembership(BaseModel):
    """An organisation was partner in a period: the membership history."""

    period = ForeignKeyField(ConvenantPeriod, backref="memberships", on_delete="CASCADE")
    organisation = ForeignKeyField(Organisation, backref="period_memberships", on_delete="CASCADE")
    via = CharField(default="")  # ondertekend, start, toegetreden
    joined_at = DateTimeField(default=now)
    signed_on = DateField(null=True)  # the day it signed this period's convenant, if known

    class Meta:
        indexes = ((("period", "organisation"), True),)


def decision_deadline(period_end):
    """When the decision on a period ending on that day is due: convenant art. 5, "een jaar
    voor aflopen van de convenantperiode", so its last day is that day one year earlier."""
    return end_of(year_before(period_end))


class ContinuationDecision(BaseModel):
    """The regiegroep's decision, a year before a period ends: voortzetting or beëindiging.

    `due_at` is when it goes on the regiegroep's list; its deadline follows from the period.
    """

    period = ForeignKeyField(ConvenantPeriod, unique=True, on_delete="CASCADE")
    state = CharField(index=True)
    due_at = DateTimeField()  # on the regiegroep's list from this moment
    motivation = TextField(default="")
    decided_by = ForeignKeyField(User, null=True, on_delete="SET NULL")
    decided_at = DateTimeField(null=True)

    @property
    def deadline(self):
        """The moment by which the regiegroep decides (a year before the period ends)."""
        return decision_deadline(self.period.ends_on)

    @property
    def last_day(self):
        """The last day on which the decision is on time."""
        return last_day(self.deadline)

    @property
    def late(self):
        """True when it was taken after its deadline, or is still open past it."""
        return (self.decided_at or now()) >= self.deadline

    @classmethod
    def listing(cls):
        """Every decision with its period: to decide first, then upcoming, then decided."""
        order = {ContinuationState.TO_DECIDE: 0, ContinuationState.PLANNED: 1}
        rows = cls.select(cls, ConvenantPeriod).join(ConvenantPeriod).order_by(cls.due_at.desc())
        return sorted(rows, key=lambda decision: order.get(decision.state, 2))


class Round(BaseModel):
    """One invitation fanned out to every partner: a renewal (signing) or vriend round.

    A renewal round belongs to the new period (partners sign its text); a vriend round to
    the period that is ending (its partners are invited).
    """

    period = ForeignKeyField(ConvenantPeriod, backref="rounds", on_delete="CASCADE")
    kind = CharField(choices=list(ROUND_KINDS.items()))
    deadline = DateTimeField()
    opened_at = DateTimeField(default=now)
    opened_by = ForeignKeyField(User, null=True, on_delete="SET NULL")

    class Meta:
        table_name = "convenant_round"
        indexes = ((("period", "kind"), True),)

    @property
    def label(self):
        """The round in words."""
        return f"{ROUND_KINDS[self.kind]} {self.period.name}"

    @property
    def invitation_model(self):
        """The case model of this round's invitations."""
        return RenewalInvitation if self.kind == "renewal" else VriendInvitation

    @property
    def is_open(self):
        """True until the deadline has passed."""
        return now() < self.deadline


class InvitationQueries:
    """What renewal and vriend invitations share: their round queries (no fields here)."""

    @classmethod
    def of_round(cls, round_, state=None, search=""):
        """The round's invitations with organisation and answering user, by name."""
        query = (
            cls.select(cls, Organisation, User)
            .join(Organisation)
            .switch(cls)
            .join(User, JOIN.LEFT_OUTER, on=(cls.answered_by == User.id))
            .where(cls.round == round_)
            .order_by(Organisation.name)
        )
        if state:
            query = query.where(cls.state == state)
        if search:
            query = query.where(Organisation.name.contains(search))
        return query

    @classmethod
    def totals(cls, rounds):
        """{round_id: {state: count}} for the given rounds, in one query."""
        totals = {}
        rows = (
            cls.select(cls.round, cls.state, fn.COUNT(cls.id))
            .where(cls.round.in_(rounds))
            .group_by(cls.round, cls.state)
            .tuples()
        )
        for round_id, state, count in rows:
            totals.setdefault(round_id, {})[state] = count
        return totals

    @classmethod
    def with_context(cls, case_id):
        """One invitation with its organisation, round and period, or None."""
        return (
            cls.select(cls, Organisation, Round, ConvenantPeriod)
            .join(Organisation)
            .switch(cls)
            .join(Round)
            .join(ConvenantPeriod)
            .where(cls.id == case_id)
            .get_or_none()
        )

    @classmethod
    def of_organisation(cls, organisation, state=None):
        """An organisation's invitations with round and period, soonest deadline first."""
        query = (
            cls.select(cls, Round, ConvenantPeriod)
            .join(Round)
            .join(ConvenantPeriod)
            .where(cls.organisation == organisation)
            .order_by(Round.deadline)
        )
        return query.where(cls.state == state) if state else query


class RenewalInvitation(InvitationQueries, BaseModel):
    """A partner's case in a renewal round: uitgenodigd → getekend, opgezegd or verlopen."""

    endpoint = "rounds.renewal"
    State = RenewalState
    kind_label = "Ondertekening convenant"

    round = ForeignKeyField(Round, backref="renewal_invitations", on_delete="CASCADE")
    organisation = ForeignKeyField(Organisation, on_delete="CASCADE")
    state = CharField(index=True)
    answered_at = DateTimeField(null=True)
    answered_by = ForeignKeyField(User, null=True, on_delete="SET NULL")
    signer_name = CharField(default="")
    signer_function = CharField(default="")
    signed_on = DateField(null=True)
    authorised = BooleanField(default=False)
    signed_via = CharField(default="")  # SIGNED_VIA: online, link, papier
    decline_reason = TextField(default="")
    # The person a contactpersoon named to sign; they sign through a single-use link.
    delegate_name = CharField(default="")
    delegate_function = CharField(default="")
    delegate_email = CharField(default="")
    delegated_at = DateTimeField(null=True)

    class Meta:
        indexes = ((("round", "organisation"), True), (("round", "state"), False))

    @property
    def signed_via_label(self):
        """How the signature came in, in words."""
        return SIGNED_VIA.get(self.signed_via, "")


SIGNED_VIA = {
    "online": "op het intranet",
    "link": "via een persoonlijke link",
    "papier": "op papier (vastgelegd door de projectleider)",
}


class VriendInvitation(InvitationQueries, BaseModel):
    """A partner's case in a vriend round: uitgenodigd → vriend, afgeslagen or verlopen."""

    endpoint = "rounds.vriend"
    State = VriendState
    kind_label = "Uitnodiging vriend van LEF"

    round = ForeignKeyField(Round, backref="vriend_invitations", on_delete="CASCADE")
    organisation = ForeignKeyField(Organisation, on_delete="CASCADE")
    state = CharField(index=True)
    answered_at = DateTimeField(null=True)
    answered_by = ForeignKeyField(User, null=True, on_delete="SET NULL")
    decline_reason = TextField(default="")

    class Meta:
        indexes = ((("round", "organisation"), True), (("round", "state"), False))


INVITATION_MODELS = (RenewalInvitation, VriendInvitation)


def open_invitations_for(organisation):
    """The organisation's unanswered renewal and vriend invitations (for the partner page)."""
    return [
        invitation
        for model in INVITATION_MODELS
        for invitation in model.of_organisation(organisation, state=model.State.INVITED)
    ]


def invitations_for(organisation):
    """Every renewal and vriend invitation the organisation has had, open or answered."""
    return [i for model in INVITATION_MODELS for i in model.of_organisation(organisation)]


def periods_of(organisation):
    """The periods an organisation was partner in, oldest first (membership history)."""
    return (
        PeriodMembership.select(PeriodMembership, ConvenantPeriod)
        .join(ConvenantPeriod)
        .where(PeriodMembership.organisation == organisation)
        .order_by(ConvenantPeriod.starts_on)
    )


def rounds_in_progress():
    """Rounds whose deadline has not passed, each with `.totals` {state: count} (one query)."""
    totals = (
        RenewalInvitation.select(
            RenewalInvitation.round, RenewalInvitation.state, fn.COUNT(SQL("*")).alias("n")
        )
        .group_by(RenewalInvitation.round, RenewalInvitation.state)
        .union_all(
            VriendInvitation.select(
                VriendInvitation.round, VriendInvitation.state, fn.COUNT(SQL("*"))
            ).group_by(VriendInvitation.round, VriendInvitation.state)
        )
        .alias("totals")
    )
    rows = (
        Round.select(
            Round,
            ConvenantPeriod,
            # a round without invitations has one row, with no state (functions keep these
            # two values on the round rather than on a row of their own)
            fn.COALESCE(totals.c.state, "").alias("invitation_state"),
            fn.COALESCE(totals.c.n, 0).alias("invitation_count"),
        )
        .join(ConvenantPeriod)
        .switch(Round)
        .join(totals, JOIN.LEFT_OUTER, on=(totals.c.round_id == Round.id))
        .where(Round.deadline > now())
        .order_by(Round.deadline, Round.id)
    )
    rounds = {}
    for row in rows:
        if row.id not in rounds:
            row.totals = {}
            rounds[row.id] = row
        if row.invitation_state:
            rounds[row.id].totals[row.invitation_state] = row.invitation_count
    return list(rounds.values())


def vriend_organisations():
    """Organisations that are vriend of LEF, or accepted the invitation to become one."""
    accepted = VriendInvitation.select(VriendInvitation.organisation).where(
        VriendInvitation.state == VriendState.VRIEND
    )
    return Organisation.select().where(
        (Organisation.status == OrganisationStatus.VRIEND) | Organisation.id.in_(accepted)
    )


def contacts_of(organisations):
    """(organisation, user) for every active contact of the organisations (a subquery); each
    user carries `contact_role`, "contactpersoon" or "achtervang", for the mails' words."""
    rows = (
        Contact.select(Contact, Organisation, User)
        .join(User)
        .switch(Contact)
        .join(Organisation)
        .where(Contact.organisation.in_(organisations), User.active)
        .order_by(Organisation.name, Contact.kind.desc(), User.name)
    )
    pairs = []
    for contact in rows:
        contact.user.contact_role = contact.kind_label.lower()
        pairs.append((contact.organisation, contact.user))
    return pairs
