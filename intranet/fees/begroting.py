"""The whole begroting of a schooljaar: baten, lasten and the contributions in natura, each
line with its budget, its actual amount and the difference, and the result.

The lines are the projectplan's (rules.BEGROTING). The partner lines' actuals are what was
invoiced (invoices and credit notes, so a credited invoice counts for nothing); the other
lines' actuals are entered. The projectgroep's payout is budgeted from its seats.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from flask import current_app
from peewee import fn

from intranet.fees.invoices import Invoice
from intranet.fees.models import BudgetLine, schooljaar_bounds
from intranet.fees.rules import (
    BATEN,
    BEGROTING,
    CENT,
    INVOICED,
    LASTEN,
    LINE_OF_KIND,
    PROJECTGROEP,
    SECTIONS,
    projectgroep_payout,
)
from intranet.formats import count_of, euro
from intranet.models import Membership

ZERO = Decimal("0.00")


@dataclass
class Line:
    """One line: its budget (None: PM or not entered) and actual amount (None: not known)."""

    key: str
    label: str
    source: str  # rules.INVOICED or rules.ENTERED
    budget: Decimal | None = None
    budgeted: bool = False  # False: nothing entered; True with budget None: PM
    actual: Decimal | None = None
    computed: str = ""  # how a computed budget came about, in words

    @property
    def budget_pm(self):
        """True when the begroting says PM for this line."""
        return self.budgeted and self.budget is None

    @property
    def difference(self):
        """Actual minus budget, when both are amounts."""
        if self.budget is None or self.actual is None:
            return None
        return self.actual - self.budget


@dataclass
class Section:
    """Baten, lasten or in natura, with its lines and totals."""

    key: str
    label: str
    lines: list = field(default_factory=list)

    @property
    def budget(self):
        """The sum of the budgeted amounts (PM lines count as nothing; see `has_pm`)."""
        return sum((line.budget for line in self.lines if line.budget is not None), ZERO)

    @property
    def actual(self):
        """The sum of the actual amounts known."""
        return sum((line.actual for line in self.lines if line.actual is not None), ZERO)

    @property
    def has_pm(self):
        """True when a line's budget is PM."""
        return any(line.budget_pm for line in self.lines)


@dataclass
class Begroting:
    """A schooljaar's begroting: its sections and the result."""

    year: int
    sections: dict = field(default_factory=dict)

    @property
    def result(self):
        """Baten minus lasten, as budgeted."""
        return self.sections[BATEN].budget - self.sections[LASTEN].budget

    @property
    def actual_result(self):
        """Baten minus lasten, as they turned out so far."""
        return self.sections[BATEN].actual - self.sections[LASTEN].actual


def paid_seats(year):
    """How many projectgroep seats paid in money ran during (part of) the schooljaar."""
    first, last = schooljaar_bounds(year)
    werkvelden = list(current_app.config["PROJECTGROEP_PAID_WERKVELDEN"])
    return (
        Membership.select()
        .where(
            Membership.group == "projectgroep",
            Membership.werkveld.in_(werkvelden),
            Membership.starts_on <= last,
            Membership.ends_on.is_null() | (Membership.ends_on > first),
        )
        .count()
    )


def invoiced(year):
    """{begroting line: net amount invoiced} of a schooljaar (invoices and credit notes)."""
    query = (
        Invoice.select(Invoice.kind, fn.SUM(Invoice.amount))
        .where(Invoice.schooljaar == year)
        .group_by(Invoice.kind)
        .tuples()
    )
    totals = {}
    for kind, amount in query:
        line = LINE_OF_KIND.get(kind, kind)
        totals[line] = totals.get(line, ZERO) + Decimal(str(amount or 0)).quantize(CENT)
    return totals


def begroting(year):
    """The whole begroting of a schooljaar (four queries)."""
    budget, actuals, billed = BudgetLine.for_year(year), BudgetLine.actuals_of(year), invoiced(year)
    seats = paid_seats(year)
    result = Begroting(year, {key: Section(key, label) for key, label in SECTIONS.items()})
    for key, (section, label, source) in BEGROTING.items():
        line = Line(key, label, source, budget.get(key), key in budget)
        if source == INVOICED:
            line.actual = billed.get(key, ZERO if billed else None)
        else:
            line.actual = actuals.get(key)
        if key == PROJECTGROEP and seats:
            rate = current_app.config["PROJECTGROEP_HOURLY_RATE"]
            line.budget, line.budgeted = projectgroep_payout(seats, rate), True
            line.computed = f"{count_of(seats, 'zetel', 'zetels')} × 90 uur × {euro(rate)}"
        result.sections[section].lines.append(line)
    return result
