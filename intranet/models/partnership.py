"""When an organisation was a partner (and by which route), and its counts per schooljaar.

A schooljaar's fees come from these two records, never from today's status or count: a
partner that left stays on the years it was a partner in, and a partner admitted today is
on no earlier year (docs/domain.md, "Who pays what").
"""

from datetime import date

from peewee import CharField, DateField, DateTimeField, ForeignKeyField, IntegerField, fn

from intranet.clock import now, today
from intranet.models.base import BaseModel
from intranet.models.people import Organisation

# How a membership began: the first convenant, a later signature, an admission by one of the
# routes (intranet/glossary.py ROUTES), or an import of the network.
MEMBERSHIP_ROUTES = {
    "convenant": "Convenant ondertekend",
    "verlengd": "Volgend convenant ondertekend",
    "import": "Overgenomen uit de import",
    "basis": "Toegelaten: basislidmaatschap",
    "uitgebreid": "Toegelaten: uitgebreid lidmaatschap",
    "schoolbestuur": "Toegelaten: Leids schoolbestuur",
    "school": "Toegelaten: school in een Leids samenwerkingsverband",
    "vse": "Toegelaten: voorschoolse educatie",
    "toelaten": "Toegelaten",
}


class PartnerMembership(BaseModel):
    """An organisation was a partner from `starts_on` up to the day before `ends_on`.

    `ends_on` is the first day it was no longer a partner (None: it still is). Opened and
    closed only by `intranet/statuses.py`, with the status change that causes it.
    """

    organisation = ForeignKeyField(Organisation, backref="partner_memberships", on_delete="CASCADE")
    starts_on = DateField()
    ends_on = DateField(null=True)
    route = CharField(default="")
    created_at = DateTimeField(default=now)

    class Meta:
        indexes = ((("organisation", "starts_on"), False), (("starts_on", "ends_on"), False))

    @property
    def route_label(self):
        """How the membership began, in words."""
        return MEMBERSHIP_ROUTES.get(self.route, self.route)

    @property
    def last_day(self):
        """The last day as a partner, or None while it runs."""
        return None if self.ends_on is None else date.fromordinal(self.ends_on.toordinal() - 1)

    @classmethod
    def covering(cls, first, last):
        """A subquery of the organisations that were partner on some day from first to last."""
        return cls.select(cls.organisation).where(
            cls.starts_on <= last, cls.ends_on.is_null() | (cls.ends_on > first)
        )

    @classmethod
    def of(cls, organisation):
        """An organisation's history, oldest first."""
        return cls.select().where(cls.organisation == organisation).order_by(cls.starts_on)

    @classmethod
    def open(cls, organisation_ids, route, on=None):
        """Begin a membership for each of these organisations (ids) on a day (today)."""
        day = on or today()
        rows = [{"organisation": oid, "starts_on": day, "route": route} for oid in organisation_ids]
        if rows:
            cls.insert_many(rows).execute()

    @classmethod
    def close(cls, organisation_ids, on=None):
        """End the running memberships of these organisations (ids) on a day (today)."""
        day = on or today()
        return (
            cls.update(ends_on=day)
            .where(cls.organisation.in_(list(organisation_ids)), cls.ends_on.is_null())
            .execute()
        )


class PupilCount(BaseModel):
    """An organisation's pupils (for VSE: kindplaatsen) as counted for one schooljaar.

    A schooljaar without a count of its own uses the latest earlier one; setting a year's
    count never changes an earlier year's.
    """

    organisation = ForeignKeyField(Organisation, backref="pupil_counts", on_delete="CASCADE")
    schooljaar = IntegerField()
    count = IntegerField()
    updated_at = DateTimeField(default=now)

    class Meta:
        indexes = ((("organisation", "schooljaar"), True),)

    @classmethod
    def for_year(cls, year):
        """An expression: the count that holds in a schooljaar for the row's organisation
        (its own year's, else the latest earlier one, else the organisation's count)."""
        latest = (
            cls.select(cls.count)
            .where(cls.organisation == Organisation.id, cls.schooljaar <= year)
            .order_by(cls.schooljaar.desc())
            .limit(1)
        )
        return fn.COALESCE(latest, Organisation.pupil_count)

    @classmethod
    def history(cls, organisation):
        """{schooljaar: count} of an organisation."""
        query = cls.select(cls.schooljaar, cls.count).where(cls.organisation == organisation)
        return dict(query.tuples())

    @classmethod
    def record(cls, organisation, year, count, first_year):
        """Set an organisation's count for a schooljaar; earlier years keep theirs.

        The first time a count is recorded for a later year, the count it had until then is
        kept for `first_year` (the first schooljaar), so earlier years do not take the new one.
        """
        if count is None:
            return
        known = cls.select().where(cls.organisation == organisation.id)
        if not known.exists() and organisation.pupil_count is not None and year > first_year:
            cls.insert(
                organisation=organisation.id, schooljaar=first_year, count=organisation.pupil_count
            ).on_conflict_ignore().execute()
        cls.insert(organisation=organisation.id, schooljaar=year, count=count).on_conflict(
            conflict_target=[cls.organisation, cls.schooljaar],
            update={cls.count: count, cls.updated_at: now()},
        ).execute()
