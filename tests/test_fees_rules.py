"""The fee rules of the projectplan as one table: who pays what, or why not (rules.py)."""

from decimal import Decimal

import pytest

from intranet.fees.compute import overview
from intranet.fees.models import FeeAgreement, FeeRate
from intranet.fees.rules import (
    IN_NATURA,
    NO_AGREED_AMOUNT,
    NO_COUNT,
    NO_MEMBERSHIP,
    PM,
    PROJECTPLAN_RATES,
)

# sector, membership, pupils, agreement (kind, amount), kind, amount, reason
TABLE = [
    ("VSE", "convenant", 120, None, "VSE", "180.00", ""),  # € 1,50 per kindplaats
    ("PO", "convenant", 4200, None, "PO", "10500.00", ""),  # € 2,50 per leerling
    ("VO", "convenant", 1361, None, "VO", "4083.00", ""),  # € 3,00 per leerling
    ("MBO", "convenant", 220, None, "MBO", None, PM),  # PM, never € 0,00
    ("HO", "convenant", None, None, "HO", "500.00", ""),  # Hogeschool: flat
    ("WO", "convenant", 30000, None, "WO", "500.00", ""),  # Universiteit: flat
    ("PO", "convenant", None, None, "PO", None, NO_COUNT),
    ("PO", "basis", 400, None, "basis", "150.00", ""),  # a membership beats the sector
    ("cultuur", "basis", None, None, "basis", "150.00", ""),
    ("cultuur", "uitgebreid", None, None, "uitgebreid", "500.00", ""),
    ("bedrijf", "basis", None, None, "basis", "150.00", ""),
    ("overig", "uitgebreid", None, None, "uitgebreid", "500.00", ""),  # a foundation
    ("gemeente", "basis", None, None, "basis", "150.00", ""),  # a gemeente service
    ("cultuur", "convenant", None, None, "geen_lidmaatschap", None, NO_MEMBERSHIP),
    ("gemeente", "convenant", None, ("afspraak", "10000"), "afspraak", "10000.00", ""),
    ("overig", "convenant", None, ("afspraak", "15000"), "afspraak", "15000.00", ""),
    ("PO", "convenant", 400, ("afspraak", "750.50"), "afspraak", "750.50", ""),
    ("overig", "convenant", None, ("afspraak", None), "afspraak", None, NO_AGREED_AMOUNT),
    ("overig", "basis", None, ("in_natura", None), "in_natura", None, IN_NATURA),
]


@pytest.mark.parametrize(
    ("sector", "membership", "pupils", "agreement", "kind", "amount", "reason"), TABLE
)
def test_every_partner_has_a_contribution_or_a_reason(
    app, make_organisation, sector, membership, pupils, agreement, kind, amount, reason
):
    FeeRate.set_year(2018, PROJECTPLAN_RATES)
    organisation = make_organisation(sector=sector, membership_type=membership, pupil_count=pupils)
    if agreement:
        agreed = None if agreement[1] is None else Decimal(agreement[1])
        FeeAgreement.set(organisation, 2018, agreement[0], agreed)
    (item,) = overview(2018).contributions
    assert (item.kind, item.problem) == (kind, reason)
    assert item.amount == (None if amount is None else Decimal(amount))
    if item.amount is not None:
        assert isinstance(item.amount, Decimal) and item.amount.as_tuple().exponent == -2


def test_an_agreement_holds_for_its_own_schooljaar_only(app, make_organisation):
    FeeRate.set_year(2018, PROJECTPLAN_RATES)
    FeeRate.set_year(2019, PROJECTPLAN_RATES)
    gemeente = make_organisation(sector="gemeente")
    FeeAgreement.set(gemeente, 2018, "afspraak", Decimal("10000"))
    assert overview(2018).contributions[0].amount == Decimal("10000.00")
    assert overview(2019).contributions[0].problem == NO_MEMBERSHIP


def test_the_demo_network_has_a_contribution_or_a_settled_reason_for_everyone(demo):
    result = overview(2018)
    assert len(result.contributions) >= 52
    assert result.open == []  # nothing left to fix: PM (MBO) and in natura only
    unsettled = {c.problem for c in result.contributions if c.amount is None}
    assert unsettled == {PM, IN_NATURA}
    totals = {t.line: t for t in result.totals}
    assert totals["VSE"].difference == 0 and totals["PO"].difference == 0
    assert totals["afspraak"].total == Decimal("40000.00") and totals["afspraak"].difference == 0
    assert totals["VO"].difference == 0
    assert totals["MBO"].is_pm and totals["MBO"].difference is None
