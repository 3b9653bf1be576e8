"""What each partner contributes in a schooljaar: exact decimals, gaps shown, never guessed.

The rules themselves are in rules.py; this module applies them to every partner at once and
adds the totals per begroting line.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from peewee import JOIN, Case, fn

from intranet.fees.models import BudgetLine, FeeAgreement, FeeRate, schooljaar_bounds
from intranet.fees.rules import (
    LINE_OF_KIND,
    LINES,
    MEMBERSHIPS,
    SECTORS_WITH_RATE,
    contribution,
)
from intranet.models import Organisation, PartnerMembership, PupilCount

ZERO = Decimal("0.00")


@dataclass
class LineTotal:
    """The total of one begroting line, with the begroting entered for it."""

    line: str
    total: Decimal = ZERO
    partners: int = 0
    open: int = 0  # partners whose amount is missing for a reason someone must fix
    pm: int = 0  # partners whose rate is PM
    budgeted: bool = False
    budget: Decimal | None = None  # None with budgeted: the begroting says PM

    @property
    def kind(self):
        """The line's key (kept for callers that group by kind)."""
        return self.line

    @property
    def label(self):
        """The line in words."""
        return LINES.get(self.line, self.line)

    @property
    def is_pm(self):
        """True when the line's total is not known in euros (a rate is PM)."""
        return self.pm > 0

    @property
    def budget_pm(self):
        """True when the begroting of this line is PM."""
        return self.budgeted and self.budget is None

    @property
    def difference(self):
        """Computed minus begroting, or None when either is not a number of euros."""
        if self.budget is None or self.is_pm:
            return None
        return self.total - self.budget


@dataclass
class Overview:
    """A schooljaar's contributions, totals per begroting line and the grand total."""

    year: int
    rates: dict
    contributions: list = field(default_factory=list)
    totals: list = field(default_factory=list)

    @property
    def total(self):
        """Everything that could be computed (see `has_pm`)."""
        return sum((t.total for t in self.totals), ZERO)

    @property
    def has_pm(self):
        """True when some rate is PM: the grand total is then "€ … + PM"."""
        return any(t.is_pm for t in self.totals)

    @property
    def budget_total(self):
        """The begroting's total, or None when nothing was entered."""
        amounts = [t.budget for t in self.totals if t.budget is not None]
        return sum(amounts, ZERO) if amounts else None

    @property
    def open(self):
        """Contributions missing for a reason someone must fix."""
        return [c for c in self.contributions if c.needs_work]

    @property
    def open_count(self):
        """How many partners' amounts are missing for a reason someone must fix."""
        return sum(t.open for t in self.totals)


def fee_payers(year):
    """The organisations that pay abonnementsgelden for a schooljaar, by name: those whose
    membership covered part of it (rules.py), each with its count for that year
    (`year_count`)."""
    first, last = schooljaar_bounds(year)
    return (
        Organisation.select(Organisation, PupilCount.for_year(year).alias("year_count"))
        .where(Organisation.id.in_(PartnerMembership.covering(first, last)))
        .order_by(Organisation.name)
    )


def _totals(year=None):
    budget = {} if year is None else BudgetLine.for_year(year)
    return {
        line: LineTotal(line, budgeted=line in budget, budget=budget.get(line)) for line in LINES
    }


def _visible(totals):
    return [t for t in totals.values() if t.partners or t.budgeted]


def overview(year, organisations=None):
    """Every payer's contribution in a schooljaar, with totals per begroting line."""
    rates = FeeRate.for_year(year)
    agreements = FeeAgreement.for_year(year)
    organisations = fee_payers(year) if organisations is None else organisations
    result = Overview(
        year, rates, [contribution(org, rates, agreements.get(org.id)) for org in organisations]
    )
    totals = _totals(year)
    for item in result.contributions:
        total = totals.setdefault(item.line, LineTotal(item.line))
        total.partners += 1
        total.pm += item.is_pm
        total.open += item.needs_work
        if item.amount is not None:
            total.total += item.amount
    result.totals = _visible(totals)
    return result


def summary(year):
    """The totals per line only, summed by the database (the dashboard's constant-cost view:
    two queries, the rates and the sums; without the begroting, which the dashboard does not
    show).

    The same rules as `overview` (rules.py): agreements first, then memberships, then the
    sector's rate; per-head rates times the counts are exact, as rates have whole cents.
    """
    rates = FeeRate.for_year(year)
    agreement = FeeAgreement.alias()
    kind = Case(
        None,
        [
            (agreement.kind.is_null(False), agreement.kind),
            (Organisation.membership_type.in_(sorted(MEMBERSHIPS)), Organisation.membership_type),
            (Organisation.sector.in_(sorted(SECTORS_WITH_RATE)), Organisation.sector),
        ],
        "geen_lidmaatschap",
    )
    count = PupilCount.for_year(year)
    rows = (
        fee_payers(year)
        .select(
            kind,
            fn.COUNT(Organisation.id),
            fn.SUM(count),
            fn.COUNT(count),
            fn.SUM(agreement.amount),
            fn.COUNT(agreement.amount),
        )
        .join(
            agreement,
            JOIN.LEFT_OUTER,
            on=(agreement.organisation == Organisation.id) & (agreement.schooljaar == year),
        )
        .order_by()
        .group_by(kind)
        .tuples()
    )
    totals = _totals()
    for name, partners, heads, counted, agreed, with_amount in rows:
        total = totals[LINE_OF_KIND.get(name, name)]
        total.partners += partners
        rate = rates.get(name)
        if name == "afspraak":
            total.total += Decimal(str(agreed or 0)).quantize(ZERO)
            total.open += partners - with_amount
        elif name in {"in_natura"}:
            continue
        elif name == "geen_lidmaatschap" or rate is None:
            total.open += partners
        elif rate.price is None:
            total.pm += partners
        elif not rate.per_head:
            total.total += rate.price * partners
        else:
            total.total += rate.price * (heads or 0)
            total.open += partners - counted
    result = Overview(year, rates)
    result.totals = _visible(totals)
    return result


def contribution_of(organisation, year):
    """One partner's contribution in a schooljaar, with that year's count."""
    agreement = FeeAgreement.for_year(year).get(organisation.id)
    counted = (
        Organisation.select(PupilCount.for_year(year)).where(Organisation.id == organisation.id)
    ).scalar()
    return contribution(organisation, FeeRate.for_year(year), agreement, counted)


def was_partner_in(organisation, year):
    """True when the organisation's membership covered part of the schooljaar."""
    first, last = schooljaar_bounds(year)
    return (
        PartnerMembership.covering(first, last)
        .where(PartnerMembership.organisation == organisation.id)
        .exists()
    )
