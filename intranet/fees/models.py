"""Fee rates, agreements and the begroting per schooljaar, and when its obligations run."""

from datetime import date
from decimal import Decimal

from peewee import CharField, DateTimeField, DecimalField, ForeignKeyField, IntegerField

from intranet.clock import now
from intranet.fees.rules import (
    AGREEMENTS,
    BASES,
    BEGROTING,
    CENT,
    KINDS,
    PER_HEAD,
    PROJECTPLAN_RATES,
)
from intranet.formats import date_words
from intranet.models import BaseModel, Organisation
from intranet.schooljaar import first_day, last_day

FIRST_SCHOOLJAAR = 2018  # the convenant's first year, 2018-2019
# Convenant art. 1: the financial obligations start on 1 October 2018; every later
# schooljaar's start on 1 August.
OBLIGATIONS_START = date(2018, 10, 1)


def schooljaar_bounds(year):
    """The first and last day of a schooljaar's obligations (the first starts 1 October)."""
    return max(first_day(year), OBLIGATIONS_START), last_day(year)


def schooljaar_period(year):
    """A schooljaar's days in words: 1 augustus 2019 t/m 31 juli 2020."""
    first, last = schooljaar_bounds(year)
    return f"{date_words(first)} t/m {date_words(last)}"


class FeeRate(BaseModel):
    """The rate of one kind of partner in one schooljaar; amount NULL means PM (not set)."""

    schooljaar = IntegerField()  # the start year: 2018 is 2018-2019
    kind = CharField(choices=list(KINDS.items()))
    basis = CharField(choices=list(BASES.items()))
    amount = DecimalField(max_digits=10, decimal_places=2, null=True)
    updated_at = DateTimeField(default=now)

    class Meta:
        indexes = ((("schooljaar", "kind"), True),)

    @property
    def kind_label(self):
        """The kind in words."""
        return KINDS.get(self.kind, self.kind)

    @property
    def basis_label(self):
        """The basis in words."""
        return BASES.get(self.basis, self.basis)

    @property
    def price(self):
        """The amount as an exact Decimal in cents (SQLite hands back 1.5), or None for PM."""
        return _decimal(self.amount)

    @property
    def per_head(self):
        """True when the rate is multiplied by a number of pupils or kindplaatsen."""
        return self.basis in PER_HEAD

    @classmethod
    def for_year(cls, year):
        """The rates of a schooljaar as {kind: FeeRate} (empty when none were set)."""
        return {rate.kind: rate for rate in cls.select().where(cls.schooljaar == year)}

    @classmethod
    def years(cls):
        """Every schooljaar that has rates, oldest first."""
        query = cls.select(cls.schooljaar).distinct().order_by(cls.schooljaar)
        return [year for (year,) in query.tuples()]

    @classmethod
    def proposal(cls, year):
        """Rates to start a year's form from: the latest earlier year's, else the projectplan's."""
        earlier = [y for y in cls.years() if y < year]
        if earlier:
            return {r.kind: (r.basis, r.amount) for r in cls.for_year(earlier[-1]).values()}
        return dict(PROJECTPLAN_RATES)

    @classmethod
    def set_year(cls, year, rates):
        """Store a year's rates {kind: (basis, amount)}; other years are never touched."""
        for kind, (basis, amount) in rates.items():
            cls.insert(schooljaar=year, kind=kind, basis=basis, amount=amount).on_conflict(
                conflict_target=[cls.schooljaar, cls.kind],
                update={cls.basis: basis, cls.amount: amount, cls.updated_at: now()},
            ).execute()

    @classmethod
    def seed(cls, up_to):
        """Give every schooljaar from 2018-2019 to up_to rates, carrying earlier ones forward."""
        for year in range(FIRST_SCHOOLJAAR, up_to + 1):
            if not cls.for_year(year):
                cls.set_year(year, cls.proposal(year))


def _decimal(value):
    """A stored amount as an exact Decimal in cents (SQLite hands back floats), or None."""
    return None if value is None else Decimal(str(value)).quantize(CENT)


class FeeAgreement(BaseModel):
    """A partner's agreement for one schooljaar: an agreed amount, or a contribution in natura."""

    organisation = ForeignKeyField(Organisation, on_delete="CASCADE")
    schooljaar = IntegerField()
    kind = CharField(choices=list(AGREEMENTS.items()))
    amount = DecimalField(max_digits=10, decimal_places=2, null=True)
    note = CharField(default="")
    updated_at = DateTimeField(default=now)

    class Meta:
        indexes = ((("schooljaar", "organisation"), True),)

    @property
    def kind_label(self):
        """The agreement in words."""
        return AGREEMENTS.get(self.kind, self.kind)

    @property
    def price(self):
        """The agreed amount as a Decimal, or None."""
        return _decimal(self.amount)

    @classmethod
    def for_year(cls, year):
        """A schooljaar's agreements as {organisation_id: FeeAgreement}."""
        return {a.organisation_id: a for a in cls.select().where(cls.schooljaar == year)}

    @classmethod
    def listed(cls, year):
        """A schooljaar's agreements with their organisations, by name."""
        return (
            cls.select(cls, Organisation)
            .join(Organisation)
            .where(cls.schooljaar == year)
            .order_by(Organisation.name)
        )

    @classmethod
    def set(cls, organisation, year, kind, amount=None, note=""):
        """Record (or replace) a partner's agreement for a schooljaar."""
        amount = amount if kind == "afspraak" else None
        cls.insert(
            organisation=organisation, schooljaar=year, kind=kind, amount=amount, note=note
        ).on_conflict(
            conflict_target=[cls.schooljaar, cls.organisation],
            update={cls.kind: kind, cls.amount: amount, cls.note: note, cls.updated_at: now()},
        ).execute()


class BudgetLine(BaseModel):
    """The begroting of one line for one schooljaar, as the projectleider entered it, and
    its actual amount (for the lines whose actuals are entered, rules.BEGROTING)."""

    schooljaar = IntegerField()
    line = CharField(choices=[(line, label) for line, (_s, label, _a) in BEGROTING.items()])
    amount = DecimalField(max_digits=10, decimal_places=2, null=True)  # NULL: PM
    actual = DecimalField(max_digits=10, decimal_places=2, null=True)  # NULL: not known yet
    updated_at = DateTimeField(default=now)

    class Meta:
        indexes = ((("schooljaar", "line"), True),)

    @classmethod
    def for_year(cls, year):
        """A schooljaar's begroting as {line: Decimal or None (PM)}; empty if not entered."""
        return {b.line: _decimal(b.amount) for b in cls.select().where(cls.schooljaar == year)}

    @classmethod
    def actuals_of(cls, year):
        """A schooljaar's entered actual amounts as {line: Decimal} (lines with one only)."""
        query = cls.select().where(cls.schooljaar == year, cls.actual.is_null(False))
        return {b.line: _decimal(b.actual) for b in query}

    @classmethod
    def set_year(cls, year, amounts, actuals=None):
        """Store a schooljaar's begroting {line: amount or None}, and the actuals given
        {line: amount or None} (lines not given keep theirs)."""
        actuals = actuals or {}
        for line in {*amounts, *actuals}:
            values = {}
            if line in amounts:
                values[cls.amount] = amounts[line]
            if line in actuals:
                values[cls.actual] = actuals[line]
            row = {"schooljaar": year, "line": line, **{f.name: v for f, v in values.items()}}
            cls.insert(**row).on_conflict(
                conflict_target=[cls.schooljaar, cls.line],
                update={**values, cls.updated_at: now()},
            ).execute()
