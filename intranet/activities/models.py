"""An activity or educational offer of a partner, and who may offer one."""

from peewee import CharField, DateField, DateTimeField, ForeignKeyField, TextField

from intranet.clock import now, today
from intranet.models import WERKVELDEN, BaseModel, Organisation, User
from intranet.workflows.states import ActivityState, OrganisationStatus

STATES = {
    ActivityState.SUBMITTED: "Ingediend",
    ActivityState.RETURNED: "Teruggestuurd",
    ActivityState.PUBLISHED: "Gepubliceerd",
    ActivityState.OFFLINE: "Offline gehaald",
}
OFFERING_MEMBERSHIP = "uitgebreid"  # the one membership whose activities are published


def refusal(organisation):
    """Why this organisation cannot offer activities (in Dutch), or "" when it can."""
    if organisation.status not in OrganisationStatus.CURRENT:
        return f"{organisation.name} is geen partner van het netwerk."
    if organisation.membership_type != OFFERING_MEMBERSHIP:
        return (
            f"{organisation.name} heeft geen uitgebreid lidmaatschap. Alleen partners met een "
            "uitgebreid lidmaatschap kunnen activiteiten en onderwijsaanbod laten publiceren; "
            "met een basislidmaatschap ontvangt u de nieuwsbrieven. Neem contact op met de "
            "projectleider als u wilt overstappen."
        )
    return ""


class Activity(BaseModel):
    """An activity or educational offer; public once the projectleider publishes it."""

    organisation = ForeignKeyField(Organisation, backref="activities", on_delete="CASCADE")
    submitted_by = ForeignKeyField(User, null=True, on_delete="SET NULL")
    title = CharField()
    audience = CharField()  # for whom, in the partner's words
    werkveld = CharField()  # one of EDUCATION_WERKVELDEN
    starts_on = DateField()
    ends_on = DateField(null=True)  # None: one day
    link = CharField(default="")
    description = TextField(default="")
    state = CharField(default=ActivityState.SUBMITTED, index=True)
    published_at = DateTimeField(null=True)
    created_at = DateTimeField(default=now)

    class Meta:
        indexes = ((("organisation", "state"), False),)

    @property
    def state_label(self):
        """The state in words."""
        return STATES.get(self.state, self.state)

    @property
    def werkveld_label(self):
        """The werkveld in words."""
        return WERKVELDEN.get(self.werkveld, self.werkveld)

    @property
    def is_published(self):
        return self.state == ActivityState.PUBLISHED

    @property
    def is_changeable(self):
        """Submitted or sent back: the partner may still change it (a published one only
        goes offline, and an offline one stays as it was)."""
        return self.state in (ActivityState.SUBMITTED, ActivityState.RETURNED)

    @property
    def last_day(self):
        """The last day it takes place."""
        return self.ends_on or self.starts_on

    @classmethod
    def published(cls):
        """Published activities that have not ended, soonest first, with their partners."""
        return (
            cls.select(cls, Organisation)
            .join(Organisation)
            .where(
                cls.state == ActivityState.PUBLISHED,
                (cls.ends_on >= today()) | (cls.ends_on.is_null() & (cls.starts_on >= today())),
            )
            .order_by(cls.starts_on, cls.id)
        )

    @classmethod
    def among(cls, ids):
        """These activities (ids), ended or not, soonest first (what a sent newsletter
        carried: one taken offline since stays in its archive)."""
        return (
            cls.select(cls, Organisation)
            .join(Organisation)
            .where(cls.id.in_(list(ids) or [0]))
            .order_by(cls.starts_on, cls.id)
        )

    @classmethod
    def published_among(cls, ids):
        """The published ones of these activities (ids), ended or not, soonest first (what a
        newsletter concept carries: one taken offline or removed since drops out)."""
        return cls.among(ids).where(cls.state == ActivityState.PUBLISHED)

    @classmethod
    def of_organisations(cls, organisation_ids):
        """Every activity of these organisations (ids), newest first."""
        return (
            cls.select(cls, Organisation)
            .join(Organisation)
            .where(cls.organisation.in_(list(organisation_ids)))
            .order_by(cls.id.desc())
        )

    @classmethod
    def waiting_for(cls, reviewer, organisation_ids):
        """The activities that wait for a person, oldest first: the submitted ones when they
        review (the projectleider), the sent-back ones of their organisations (ids)."""
        returned = (cls.state == ActivityState.RETURNED) & cls.organisation.in_(
            list(organisation_ids) or [0]
        )
        waiting = returned | (cls.state == ActivityState.SUBMITTED) if reviewer else returned
        return cls.select(cls, Organisation).join(Organisation).where(waiting).order_by(cls.id)

    @classmethod
    def to_review(cls):
        """Submitted activities, oldest first (the projectleider's queue)."""
        return (
            cls.select(cls, Organisation)
            .join(Organisation)
            .where(cls.state == ActivityState.SUBMITTED)
            .order_by(cls.id)
        )
