"""Fee rates (abonnementsgelden) per schooljaar, and what a schooljaar is."""

from datetime import date
from decimal import Decimal

from peewee import CharField, DateTimeField, DecimalField, IntegerField

from intranet.clock import now, today
from intranet.models import BaseModel

CENT = Decimal("0.01")
FIRST_SCHOOLJAAR = 2018  # the convenant's first year, 2018-2019
# What a fee is charged for: the sector of a convenant partner, or the membership of a
# partner without pupils. Each has a basis: per pupil (or kindplaats) or a flat amount.
KINDS = {
    "VSE": "Voorschoolse educatie (VSE)",
    "PO": "Primair onderwijs",
    "VO": "Voortgezet onderwijs",
    "MBO": "Middelbaar beroepsonderwijs",
    "HO": "Hogeschool",
    "WO": "Universiteit",
    "basis": "Basislidmaatschap",
    "uitgebreid": "Uitgebreid lidmaatschap",
}
BASES = {
    "per_kindplaats": "per kindplaats",
    "per_leerling": "per leerling",
    "vast": "vast bedrag",
}
PER_HEAD = {"per_kindplaats", "per_leerling"}
# Projectplan 2018-2019, "Abonnementsgelden: in € per schooljaar" (None: PM, not yet set).
PROJECTPLAN_RATES = {
    "VSE": ("per_kindplaats", Decimal("1.50")),
    "PO": ("per_leerling", Decimal("2.50")),
    "VO": ("per_leerling", Decimal("3.00")),
    "MBO": ("per_leerling", None),
    "HO": ("vast", Decimal("500.00")),
    "WO": ("vast", Decimal("500.00")),
    "basis": ("vast", Decimal("150.00")),
    "uitgebreid": ("vast", Decimal("500.00")),
}
# Projectplan, "Begroting schooljaar 2018-2019", Bijdrage partners.
BUDGET = {
    2018: {
        "VSE": Decimal("1953"),
        "PO": Decimal("28000"),
        "VO": Decimal("38884"),
        "HO": Decimal("500"),
        "WO": Decimal("500"),
    }
}


def schooljaar_of(day=None):
    """The schooljaar (its start year) a day falls in; a schooljaar starts 1 October."""
    day = day or today()
    return day.year if day >= date(day.year, 10, 1) else day.year - 1


def schooljaar_label(year):
    """A schooljaar in words: 2018-2019."""
    return f"{year}-{year + 1}"


def schooljaar_bounds(year):
    """The first and last day of a schooljaar."""
    return date(year, 10, 1), date(year + 1, 9, 30)


def schooljaar_period(year):
    """A schooljaar's days in words: 1 oktober 2018 t/m 30 september 2019."""
    return f"1 oktober {year} t/m 30 september {year + 1}"


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
        return None if self.amount is None else Decimal(str(self.amount)).quantize(CENT)

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
