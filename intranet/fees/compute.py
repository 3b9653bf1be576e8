"""What each partner contributes in a schooljaar: exact decimals, gaps shown, never guessed."""

from dataclasses import dataclass, field
from decimal import Decimal

from peewee import Case, fn

from intranet.fees.models import BUDGET, CENT, KINDS, FeeRate
from intranet.models import SECTORS, Organisation

NO_RATES = "voor dit schooljaar zijn nog geen tarieven vastgesteld"
NO_RATE = "geen tarief voor deze sector"
PM = "tarief PM (nog niet vastgesteld)"
NO_COUNT = "aantal leerlingen/kindplaatsen ontbreekt"


@dataclass
class Contribution:
    """One partner's fee in one schooljaar; amount is None when it cannot be computed."""

    organisation: Organisation
    kind: str
    rate: FeeRate | None
    count: int | None
    amount: Decimal | None
    problem: str = ""

    @property
    def kind_label(self):
        """What the fee is charged for, in words."""
        return kind_label(self.kind)


@dataclass
class KindTotal:
    """The total of one kind (sector or membership) with its budget line, if any."""

    kind: str
    total: Decimal = Decimal("0.00")
    partners: int = 0
    open: int = 0  # partners whose fee could not be computed
    budget: Decimal | None = None

    @property
    def label(self):
        """The kind in words."""
        return kind_label(self.kind)

    @property
    def difference(self):
        """The total minus the budget line, or None without a budget line."""
        return None if self.budget is None else self.total - self.budget


@dataclass
class Overview:
    """A schooljaar's contributions, totals per kind and the grand total."""

    year: int
    rates: dict
    contributions: list = field(default_factory=list)
    totals: list = field(default_factory=list)

    @property
    def total(self):
        """Everything that could be computed."""
        return sum((t.total for t in self.totals), Decimal("0.00"))

    @property
    def open(self):
        """Contributions that could not be computed, with the reason."""
        return [c for c in self.contributions if c.amount is None]

    @property
    def open_count(self):
        """How many partners' fees could not be computed."""
        return sum(t.open for t in self.totals)


def kind_label(kind):
    """A fee kind (or a sector without a rate) in words."""
    return KINDS.get(kind) or SECTORS.get(kind, kind)


def fee_kind(organisation):
    """What a partner pays for: its membership if basis/uitgebreid, else its sector."""
    if organisation.membership_type in {"basis", "uitgebreid"}:
        return organisation.membership_type
    return organisation.sector


def contribution(organisation, rates):
    """A partner's contribution under a year's rates {kind: FeeRate}."""
    kind = fee_kind(organisation)
    rate = rates.get(kind)
    count = organisation.pupil_count
    if rate is None:
        problem = NO_RATE if rates else NO_RATES
        return Contribution(organisation, kind, None, count, None, problem)
    if rate.price is None:
        return Contribution(organisation, kind, rate, count, None, PM)
    if not rate.per_head:
        return Contribution(organisation, kind, rate, None, rate.price)
    if count is None:
        return Contribution(organisation, kind, rate, None, None, NO_COUNT)
    amount = (rate.price * count).quantize(CENT)
    return Contribution(organisation, kind, rate, count, amount)


def fee_payers():
    """The organisations that pay abonnementsgelden: the current partners."""
    return Organisation.current_partners()


def _totals(year):
    budget = BUDGET.get(year, {})
    return {kind: KindTotal(kind, budget=budget.get(kind)) for kind in KINDS}


def summary(year):
    """The totals per kind only, summed by the database (the dashboard's constant-cost view).

    The same rules as `overview`: per-head rates times the counts (exact, as every rate has
    whole cents and counts are whole), flat rates per partner, PM and missing counts open.
    """
    rates = FeeRate.for_year(year)
    kind = Case(
        None,
        [(Organisation.membership_type.in_(["basis", "uitgebreid"]), Organisation.membership_type)],
        Organisation.sector,
    )
    rows = (
        fee_payers()
        .select(
            kind,
            fn.COUNT(Organisation.id),
            fn.SUM(Organisation.pupil_count),
            fn.COUNT(Organisation.pupil_count),
        )
        .order_by()
        .group_by(kind)
        .tuples()
    )
    totals = _totals(year)
    for name, partners, heads, counted in rows:
        total = totals.setdefault(name, KindTotal(name))
        total.partners = partners
        rate = rates.get(name)
        if rate is None or rate.price is None:
            total.open = partners
        elif not rate.per_head:
            total.total = (rate.price * partners).quantize(CENT)
        else:
            total.total = (rate.price * (heads or 0)).quantize(CENT)
            total.open = partners - counted
    result = Overview(year, rates)
    result.totals = [t for t in totals.values() if t.partners or t.budget is not None]
    return result


def overview(year, organisations=None):
    """Every payer's contribution in a schooljaar, with totals per kind and budget lines."""
    rates = FeeRate.for_year(year)
    organisations = fee_payers() if organisations is None else organisations
    result = Overview(year, rates, [contribution(org, rates) for org in organisations])
    totals = _totals(year)
    for item in result.contributions:
        total = totals.setdefault(item.kind, KindTotal(item.kind))
        total.partners += 1
        if item.amount is None:
            total.open += 1
        else:
            total.total += item.amount
    result.totals = [t for t in totals.values() if t.partners or t.budget is not None]
    return result
