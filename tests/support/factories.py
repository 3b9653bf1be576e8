"""The test builders, one of each: `person`, `organisation`, `period`, and `Case`, the chain
that brings an admission case to any state.

    Case(applicant).submitted()                  # waiting for references
    Case(applicant).with_leader()                 # references in, with the projectleider
    Case(applicant).nominated(leader).get()       # to the vote
    Case(applicant).nominated(leader).voted(member, "twijfel").escalated(leader, "Twijfel.")
"""

from datetime import date, timedelta

from intranet import security
from intranet.admission.eligibility import asks_pupils
from intranet.admission.models import Application, Referee
from intranet.admission.referees.answers import record_reference
from intranet.admission.workflow import WORKFLOW as admission
from intranet.clock import now, today
from intranet.models import Contact, Membership, Organisation, PartnerMembership, User
from intranet.rounds.periods import create_period
from intranet.workflows import engine

PASSWORD = "correct horse battery"
PERIOD_TEXT = (
    "## Convenant\n\n"
    "1. Alle partners committeren zich aan de visie.\n"
    "2. Elke partner levert een contactpersoon."
)
_numbers = iter(range(1, 10**9))


def cast_vote(application_id, member, choice, motivation="", recorded_by=None):
    """Vote as users do: the engine's activity the vote page calls ("stemmen"), or, with
    `recorded_by`, the one the inbox calls to record a vote on a member's behalf.

    Returns the step that closed the vote, or None while it stays open.
    """
    data = {"choice": choice, "motivation": motivation}
    if recorded_by is None:
        acted = engine.act(admission, application_id, "stemmen", member, data=data)
    else:
        data["member"] = member.id
        acted = engine.act(admission, application_id, "stem_vastleggen", recorded_by, data=data)
    return acted.settled.trigger if acted.settled else None


def person(
    *groups,
    voorzitter=False,
    organisation=None,
    kind="primary",
    email=None,
    name=None,
    active=True,
    confirmed=True,
):
    """A person with the test password, in groups, optionally contactpersoon of an organisation
    (with a confirmed address unless confirmed=False)."""
    number = next(_numbers)
    user = User.create(
        email=email or f"user{number}@example.org",
        name=name or f"Persoon {number}",
        password_hash=security.hash_password(PASSWORD),
        active=active,
        email_confirmed_at=now() if confirmed else None,
    )
    if voorzitter and "regiegroep" in groups:  # the new one takes over (one voorzitter at most)
        Membership.update(voorzitter=False).where(
            Membership.group == "regiegroep", Membership.voorzitter
        ).execute()
    for group in groups:
        Membership.create(user=user, group=group, voorzitter=voorzitter and group == "regiegroep")
    if organisation is not None:
        Contact.create(organisation=organisation, user=user, kind=kind)
    return user


PARTNER_SINCE = date(2018, 8, 1)  # a test partner was a partner from the first schooljaar


def organisation(partner_since=PARTNER_SINCE, **fields):
    """An organisation in Leiden; keyword arguments override the defaults. A partner has a
    membership from `partner_since` (2018-2019's first day unless given)."""
    values = {
        "name": f"Organisatie {next(_numbers)}",
        "sector": "cultuur",
        "municipality": "Leiden",
        "status": "partner",
    }
    made = Organisation.create(**{**values, **fields})
    if made.status == "partner":
        PartnerMembership.open([made.id], "convenant", partner_since)
    return made


def memberships_for_partners(since=PARTNER_SINCE):
    """A membership from `since` for every partner without one (for rows inserted in bulk)."""
    without = Organisation.select(Organisation.id).where(
        Organisation.status == "partner",
        Organisation.id.not_in(PartnerMembership.select(PartnerMembership.organisation)),
    )
    PartnerMembership.open([oid for (oid,) in without.tuples()], "convenant", since)


def period(name="Periode", starts=-400, ends=400, deadline=None, actor=None):
    """A convenant period starting and ending so many days from today."""
    return create_period(
        actor,
        name=name,
        starts_on=today() + timedelta(days=starts),
        ends_on=today() + timedelta(days=ends),
        signing_deadline=deadline,
        text=PERIOD_TEXT,
    )


class Case:
    """An admission case, brought step by step (each step from wherever it stands)."""

    def __init__(self, applicant, route="uitgebreid", name=None, organisation=None, **fields):
        if organisation is None:
            counted = asks_pupils(route)  # a school or VSE: its count sets the fee
            organisation = Organisation.create(
                name=name or f"Aspirant {applicant.id}-{next(_numbers)}",
                sector=("VSE" if route == "vse" else "PO") if counted else "bedrijf",
                municipality="Oegstgeest" if route == "school" else "Leiden",  # route 4: outside
                status="aspirant",
                membership_type="uitgebreid" if route == "uitgebreid" else "basis",
                pupil_count=250 if counted else None,
            )
        values = {
            "organisation": organisation,
            "applicant": applicant,
            "route": route,
            "profile": "Wij organiseren techniekworkshops voor kinderen.",
            "backup_name": "Bea Achtervang",
            "backup_email": f"achtervang{applicant.id}.{organisation.id}@example.org",
            **fields,
        }
        self.applicant = applicant
        self.id = engine.create_case(admission, applicant, **values).id
        if route == "uitgebreid":
            for number in (1, 2):
                Referee.create(
                    application=self.id,
                    name=f"Referent {number}",
                    email=f"referent{number}.{self.id}@example.org",
                    organisation="Museum",
                    relation="samenwerkingspartner",
                )

    def get(self):
        """The application as stored now."""
        return Application.get_by_id(self.id)

    @property
    def state(self):
        """Where the case stands now."""
        return self.get().state

    def submitted(self):
        """The applicant submits the draft."""
        if self.state == "concept":
            engine.fire(admission, self.id, "indienen", self.applicant)
        return self

    def referenced(self, text="Een betrouwbare partner."):
        """Every referee answers positively (as the referee page does)."""
        self.submitted()
        for referee in Referee.current(self.id):
            if referee.status == "uitgenodigd":
                record_reference(referee.id, "positief", text)
        return self

    def with_leader(self):
        """Submitted, with the references in when the route needs them: the projectleider's."""
        return self.referenced() if self.get().route == "uitgebreid" else self.submitted()

    def nominated(self, leader, deadline=None):
        """The projectleider puts it to the projectgroep's vote."""
        self.with_leader()
        data = {"deadline": deadline} if deadline else {}
        engine.fire(admission, self.id, "voordragen", leader, data=data)
        return self

    def voted(self, member, choice, motivation=""):
        """A member votes."""
        cast_vote(self.id, member, choice, motivation)
        return self

    def escalated(self, leader, reason="Twijfel over de doelgroep."):
        """The projectleider puts it before the regiegroep (from the inbox or the vote)."""
        if self.state not in ("bij_projectleider", "stemming"):
            self.with_leader()
        engine.fire(admission, self.id, "escaleren", leader, comment=reason)
        return self
