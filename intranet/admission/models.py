"""Applications for partnership, their referees, the projectgroep's votes and comments."""

from peewee import (
    JOIN,
    Case,
    CharField,
    DateTimeField,
    ForeignKeyField,
    TextField,
    fn,
)

from intranet.admission.eligibility import (
    MIN_REFEREES,
    asks_profile_and_referees,
    asks_pupils,
    is_by_right,
)
from intranet.clock import now
from intranet.glossary import CHOICES, RECOMMENDATIONS, ROUTES
from intranet.models import BaseModel, Organisation, User
from intranet.workflows.states import AdmissionState as State
from intranet.workflows.states import RefereeStatus

MEMBERSHIP_FOR_ROUTE = {"basis": "basis", "uitgebreid": "uitgebreid"}  # others: convenant
OPEN_STATES = State.OPEN


class Application(BaseModel):
    """An organisation's application to become a partner: the admission case."""

    organisation = ForeignKeyField(Organisation, backref="applications")
    applicant = ForeignKeyField(User, backref="applications")
    route = CharField()
    profile = TextField(default="")
    backup_name = CharField(default="")  # the achtervang
    backup_email = CharField(default="")
    state = CharField(default=State.CONCEPT, index=True)
    vote_deadline = DateTimeField(null=True)
    escalated_at = DateTimeField(null=True)
    created_at = DateTimeField(default=now)
    submitted_at = DateTimeField(null=True)

    @property
    def route_label(self):
        """The route in words."""
        return ROUTES.get(self.route, self.route)

    @property
    def by_right(self):
        """True for the routes that are eligible by right (no vote)."""
        return is_by_right(self.route)

    @property
    def asks_profile_and_referees(self):
        """True for the route with a profile and two referees, weighed by a vote."""
        return asks_profile_and_referees(self.route)

    @property
    def is_open(self):
        """True while the application awaits a decision."""
        return self.state in OPEN_STATES

    def filled_parts(self):
        """Which parts of the form the draft has filled in: the one completeness rule."""
        organisation, extended = self.organisation, self.asks_profile_and_referees
        counted = bool(organisation.pupil_count) or not asks_pupils(self.route)
        return {
            "organisatie": all(
                [organisation.name, organisation.sector, organisation.municipality, counted]
            ),
            "profiel": bool(self.profile.strip()) or not extended,
            "referenten": Referee.current(self).count() >= MIN_REFEREES or not extended,
            # An achtervang in full, or none at all (a one-person organisation).
            "contactpersoon": bool(self.backup_name) == bool(self.backup_email),
        }

    def is_complete(self):
        """True when every part of the form the route needs is filled in."""
        return all(self.filled_parts().values())

    @classmethod
    def with_organisation(cls):
        """Applications joined with their organisation and applicant (one query)."""
        return cls.select(cls, Organisation, User).join(Organisation).switch(cls).join(User)

    @classmethod
    def in_state(cls, *states):
        """Applications in any of the states, oldest first."""
        return cls.with_organisation().where(cls.state.in_(states)).order_by(cls.id)

    @classmethod
    def listing(cls, *states):
        """Applications in the states with only what a list shows (cheap to read), oldest first."""
        return (
            cls.select(
                cls.id,
                cls.state,
                cls.created_at,
                cls.submitted_at,
                cls.vote_deadline,
                Organisation.id,
                Organisation.name,
            )
            .join(Organisation)
            .where(cls.state.in_(states))
            .order_by(cls.id)
        )

    @classmethod
    def open_for_name(cls, name):
        """An open application for an organisation of that name, or None."""
        return (
            cls.select()
            .join(Organisation)
            .where(fn.LOWER(Organisation.name) == name.strip().lower(), cls.state.in_(OPEN_STATES))
            .first()
        )

    @classmethod
    def vote_closed_recently(cls, limit=20):
        """Applications whose projectgroep vote is over, newest first (the list's columns)."""
        return (
            cls.select(cls.id, cls.state, Organisation.id, Organisation.name)
            .join(Organisation)
            .where(cls.vote_deadline.is_null(False), cls.state != State.VOTE)
            .order_by(cls.id.desc())
            .limit(limit)
        )

    @classmethod
    def decided_by_regiegroep(cls, limit=50):
        """Escalated applications that are no longer open, latest escalation first."""
        return (
            cls.with_organisation()
            .where(cls.escalated_at.is_null(False), cls.state.not_in(OPEN_STATES))
            .order_by(cls.escalated_at.desc())
            .limit(limit)
        )

    @classmethod
    def counts_by_state(cls):
        """{state: number of applications}."""
        return dict(cls.select(cls.state, fn.COUNT(cls.id)).group_by(cls.state).tuples())


class Referee(BaseModel):
    """Someone who gives a reference for an application, through a signed link."""

    application = ForeignKeyField(Application, backref="referees", on_delete="CASCADE")
    name = CharField()
    email = CharField()
    organisation = CharField(default="")
    relation = CharField(default="")
    status = CharField(default=RefereeStatus.CONCEPT)  # changed by intranet/statuses.py
    recommendation = CharField(default="")
    text = TextField(default="")
    invited_at = DateTimeField(null=True)
    reminded_at = DateTimeField(null=True)
    answered_at = DateTimeField(null=True)

    @property
    def recommendation_label(self):
        """The recommendation in words."""
        return RECOMMENDATIONS.get(self.recommendation, "")

    @classmethod
    def current(cls, application):
        """The referees that count (not replaced), in order."""
        return (
            cls.select()
            .where(cls.application == application, cls.status != RefereeStatus.REPLACED)
            .order_by(cls.id)
        )

    @classmethod
    def progress(cls, application_ids):
        """{application id: (answered, current referees)} for the given applications."""
        answered = fn.SUM(Case(None, [(cls.status == RefereeStatus.ANSWERED, 1)], 0))
        rows = (
            cls.select(cls.application, answered, fn.COUNT(cls.id))
            .where(cls.application.in_(list(application_ids)), cls.status != RefereeStatus.REPLACED)
            .group_by(cls.application)
            .tuples()
        )
        return {application_id: (int(done or 0), total) for application_id, done, total in rows}


class Vote(BaseModel):
    """A projectgroep member's vote on a nominated application (changeable while open)."""

    application = ForeignKeyField(Application, backref="votes", on_delete="CASCADE")
    member = ForeignKeyField(User, backref="votes")
    choice = CharField()
    motivation = TextField(default="")
    recorded_by = ForeignKeyField(User, null=True)  # the projectleider, for a vote by phone
    cast_at = DateTimeField(default=now)

    class Meta:
        indexes = ((("application", "member"), True),)

    @property
    def choice_label(self):
        """The choice in words."""
        return CHOICES.get(self.choice, self.choice)

    @classmethod
    def for_application(cls, application):
        """The votes with their members, by member name."""
        return (
            cls.select(cls, User)
            .join(User, on=(cls.member == User.id))
            .where(cls.application == application)
            .order_by(User.name)
        )

    @classmethod
    def with_names(cls, application):
        """The votes with their members and who recorded them (if not the member), by name."""
        recorder = User.alias()
        return (
            cls.select(cls, User, recorder)
            .join(User, on=(cls.member == User.id))
            .switch(cls)
            .join(recorder, JOIN.LEFT_OUTER, on=(cls.recorded_by == recorder.id))
            .where(cls.application == application)
            .order_by(User.name)
        )

    @classmethod
    def tally(cls, application, member_ids):
        """{"members": how many there are, and per choice the votes of those members}.

        Two lean statements with the member ids (Membership.member_ids) beat one with the
        seat rules twice inside it.
        """
        counts = dict.fromkeys(CHOICES, 0)
        cast = cls.select(cls.member, cls.choice).where(cls.application == application)
        for member_id, choice in cast.tuples():
            if member_id in member_ids:
                counts[choice] += 1
        return {"members": len(member_ids), **counts}

    @classmethod
    def count_by_application(cls, application_ids, member_ids):
        """{application id: number of votes by the given members}."""
        rows = (
            cls.select(cls.application, fn.COUNT(cls.id))
            .where(cls.application.in_(list(application_ids)), cls.member.in_(list(member_ids)))
            .group_by(cls.application)
            .tuples()
        )
        return dict(rows)

    @classmethod
    def of_member(cls, member, application_ids):
        """{application id: vote} of one member on the given applications."""
        votes = cls.select().where(cls.member == member, cls.application.in_(list(application_ids)))
        return {vote.application_id: vote for vote in votes}


class Comment(BaseModel):
    """A contribution to one of the deciders' discussions of a case (admission/discussion.py):
    the projectgroep's while it votes, or the regiegroep's once the case is escalated."""

    application = ForeignKeyField(Application, backref="comments", on_delete="CASCADE")
    discussion = CharField(default="regiegroep")  # a name in admission/discussion.py
    author = ForeignKeyField(User)
    text = TextField()
    created_at = DateTimeField(default=now)

    @classmethod
    def for_application(cls, application, discussion="regiegroep"):
        """One discussion of the case, oldest first, with authors."""
        return (
            cls.select(cls, User)
            .join(User)
            .where(cls.application == application, cls.discussion == discussion)
            .order_by(cls.id)
        )

    @classmethod
    def count_by_application(cls, application_ids, discussion="regiegroep"):
        """{application id: number of comments in the discussion}."""
        rows = (
            cls.select(cls.application, fn.COUNT(cls.id))
            .where(cls.application.in_(list(application_ids)), cls.discussion == discussion)
            .group_by(cls.application)
            .tuples()
        )
        return dict(rows)
