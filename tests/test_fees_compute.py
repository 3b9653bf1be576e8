"""Fee computation: the projectplan's rates, PM, missing counts, and rates per schooljaar."""

from datetime import date
from decimal import Decimal

import pytest

from intranet.fees.compute import overview
from intranet.fees.models import BudgetLine, FeeRate, schooljaar_bounds
from intranet.fees.rules import (
    NO_COUNT,
    NO_MEMBERSHIP,
    NO_RATES,
    PM,
    PROJECTPLAN_BUDGET,
    PROJECTPLAN_RATES,
    contribution,
)
from intranet.schooljaar import schooljaar_of
from tests.support import factories


@pytest.fixture
def rates_2018(app):
    """The projectplan's rates for 2018-2019."""
    FeeRate.set_year(2018, PROJECTPLAN_RATES)
    return FeeRate.for_year(2018)


@pytest.mark.parametrize(
    ("sector", "count", "expected"),
    [
        ("VSE", 120, Decimal("180.00")),  # 120 kindplaatsen x € 1,50
        ("VSE", 433, Decimal("649.50")),  # 433 x € 1,50
        ("PO", 4200, Decimal("10500.00")),  # 4200 leerlingen x € 2,50
        ("PO", 1, Decimal("2.50")),
        ("VO", 1361, Decimal("4083.00")),  # 1361 x € 3,00
        ("HO", None, Decimal("500.00")),  # Hogeschool: flat
        ("WO", 30000, Decimal("500.00")),  # Universiteit: flat, whatever the count
    ],
)
def test_convenant_partners_pay_by_sector(rates_2018, make_organisation, sector, count, expected):
    organisation = make_organisation(sector=sector, pupil_count=count)
    item = contribution(organisation, rates_2018)
    assert item.amount == expected and isinstance(item.amount, Decimal)
    assert item.problem == ""


@pytest.mark.parametrize(
    ("membership", "expected"), [("basis", Decimal("150.00")), ("uitgebreid", Decimal("500.00"))]
)
def test_members_without_pupils_pay_their_membership(
    rates_2018, make_organisation, membership, expected
):
    organisation = make_organisation(sector="bedrijf", membership_type=membership)
    assert contribution(organisation, rates_2018).amount == expected


def test_a_school_with_basis_membership_pays_the_membership_not_per_pupil(
    rates_2018, make_organisation
):
    organisation = make_organisation(sector="PO", pupil_count=400, membership_type="basis")
    assert contribution(organisation, rates_2018).amount == Decimal("150.00")


def test_mbo_rate_pm_is_shown_as_not_computed_not_as_zero(rates_2018, make_organisation):
    organisation = make_organisation(sector="MBO", pupil_count=220)
    item = contribution(organisation, rates_2018)
    assert item.amount is None and item.problem == PM


def test_missing_pupil_count_is_shown_not_zero(rates_2018, make_organisation):
    item = contribution(make_organisation(sector="PO", pupil_count=None), rates_2018)
    assert item.amount is None and item.problem == NO_COUNT


def test_a_partner_without_pupils_and_membership_is_shown_not_zero(rates_2018, make_organisation):
    item = contribution(make_organisation(sector="cultuur"), rates_2018)
    assert item.amount is None and item.problem == NO_MEMBERSHIP and item.needs_work


def test_totals_per_line_compare_with_the_projectplan_budget(rates_2018, make_organisation):
    BudgetLine.set_year(2018, PROJECTPLAN_BUDGET)
    make_organisation(sector="PO", pupil_count=10000)
    make_organisation(sector="PO", pupil_count=1200)  # 11200 x 2,50 = 28.000
    make_organisation(sector="VO", pupil_count=12961)  # 38.883: the begroting's VO line
    make_organisation(sector="MBO", pupil_count=220)
    make_organisation(sector="bedrijf", membership_type="basis")
    result = overview(2018)
    totals = {t.kind: t for t in result.totals}
    assert totals["PO"].total == Decimal("28000.00") and totals["PO"].difference == 0
    assert totals["VO"].budget == Decimal("38883") and totals["VO"].difference == 0
    assert totals["MBO"].is_pm and totals["MBO"].budget_pm and totals["MBO"].difference is None
    assert totals["MBO"].open == 0  # PM is a decision, not a gap to fix
    assert totals["HO"].budget == Decimal("500") and totals["HO"].partners == 0
    assert totals["overig"].total == Decimal("150.00")
    assert totals["overig"].difference == Decimal("150.00") - Decimal("7050")
    assert result.total == Decimal("28000.00") + Decimal("38883.00") + Decimal("150.00")
    assert result.has_pm and result.open == []


def test_only_current_partners_pay(rates_2018, make_organisation):
    make_organisation(sector="PO", pupil_count=100)
    make_organisation(sector="PO", pupil_count=100, status="aspirant")
    make_organisation(sector="PO", pupil_count=100, status="oud_partner")
    assert overview(2018).total == Decimal("250.00")


def test_a_new_years_rate_never_changes_an_earlier_years_figures(rates_2018, make_organisation):
    make_organisation(sector="PO", pupil_count=1000)
    make_organisation(sector="MBO", pupil_count=200)
    before = overview(2018)
    FeeRate.set_year(2019, FeeRate.proposal(2019))
    next_year = {**FeeRate.proposal(2019), "PO": ("per_leerling", Decimal("2.75"))}
    next_year["MBO"] = ("per_leerling", Decimal("2.00"))
    FeeRate.set_year(2019, next_year)  # changed in the middle of 2019-2020
    after = overview(2018)
    assert [c.amount for c in after.contributions] == [c.amount for c in before.contributions]
    assert after.total == Decimal("2500.00")
    assert overview(2019).total == Decimal("2750.00") + Decimal("400.00")


def test_a_year_without_rates_computes_nothing(app, make_organisation):
    make_organisation(sector="PO", pupil_count=100)
    result = overview(2030)
    assert result.rates == {} and result.total == 0
    assert result.contributions[0].problem == NO_RATES


def test_proposal_carries_the_latest_earlier_year_forward(rates_2018):
    FeeRate.set_year(2019, {"PO": ("per_leerling", Decimal("2.60"))})
    assert FeeRate.proposal(2021)["PO"] == ("per_leerling", Decimal("2.60"))
    assert FeeRate.proposal(2018)["PO"] == ("per_leerling", Decimal("2.50"))  # projectplan


def test_seed_gives_every_year_rates_once(app):
    FeeRate.seed(2021)
    FeeRate.seed(2021)
    assert FeeRate.years() == [2018, 2019, 2020, 2021]
    assert FeeRate.select().count() == 4 * len(PROJECTPLAN_RATES)
    assert FeeRate.for_year(2020)["MBO"].price is None


@pytest.mark.parametrize(
    ("day", "year"),
    [
        (date(2018, 7, 31), 2017),
        (date(2018, 8, 1), 2018),
        (date(2018, 9, 30), 2018),
        (date(2019, 7, 31), 2018),
        (date(2019, 8, 1), 2019),
        (date(2019, 12, 31), 2019),
    ],
)
def test_a_schooljaar_starts_on_1_august(day, year):
    assert schooljaar_of(day) == year


def test_only_the_first_years_obligations_start_on_1_october():
    assert schooljaar_bounds(2018) == (date(2018, 10, 1), date(2019, 7, 31))
    assert schooljaar_bounds(2021) == (date(2021, 8, 1), date(2022, 7, 31))


def test_the_dashboard_summary_sums_like_the_full_overview(app):
    from intranet.fees.compute import summary
    from intranet.fees.models import FeeAgreement
    from intranet.models import Organisation

    year = schooljaar_of()
    FeeRate.set_year(year, PROJECTPLAN_RATES)
    for number, (sector, members, count) in enumerate(
        [
            ("PO", "convenant", 411),
            ("PO", "convenant", None),
            ("VO", "convenant", 1200),
            ("VSE", "convenant", 33),
            ("MBO", "convenant", 20),
            ("bedrijf", "basis", None),
            ("cultuur", "uitgebreid", None),
            ("HO", "convenant", None),
            ("cultuur", "convenant", 5),
            ("gemeente", "convenant", None),
            ("overig", "convenant", None),
            ("overig", "basis", None),
        ]
    ):
        organisation = Organisation.create(
            name=f"Org {number}",
            sector=sector,
            municipality="Leiden",
            status="partner",
            membership_type=members,
            pupil_count=count,
        )
        if sector == "gemeente":
            FeeAgreement.set(organisation, year, "afspraak", Decimal("10000"))
        elif sector == "overig" and members == "convenant":
            FeeAgreement.set(organisation, year, "in_natura", None, "uren")
        elif members == "basis" and sector == "overig":
            FeeAgreement.set(organisation, year, "afspraak", None)  # amount still missing
    factories.memberships_for_partners()
    full, quick = overview(year), summary(year)

    def as_rows(result):
        return sorted((t.line, t.total, t.partners, t.open, t.pm) for t in result.totals)

    assert as_rows(quick) == as_rows(full)
    assert quick.total == full.total and quick.open_count == len(full.open)
