"""The whole begroting: baten, lasten and in natura per line, budget and actuals (invoices
and credit notes for the partners, entered for the rest), the result, and a CSV; the
projectgroep's payout from its seats. The projectplan's 2018-2019 begroting closes at € 0."""

import csv
import io
from datetime import date
from decimal import Decimal

from intranet.fees import invoicing
from intranet.fees.begroting import begroting
from intranet.fees.models import BudgetLine
from intranet.fees.rules import PROJECTPLAN_BUDGET
from intranet.models import Membership
from tests.support import factories
from tests.support.invoice_support import network


def _vo_seats(count=3, starts_on=date(2018, 8, 1), ends_on=date(2022, 8, 1)):
    """The projectgroep's VO members, paid in money (the seeds' projectgroep has three)."""
    for number in range(count):
        person = factories.person(email=f"vo{number}@example.org")
        Membership.create(
            user=person, group="projectgroep", werkveld="VO", starts_on=starts_on, ends_on=ends_on
        )


def test_the_projectplans_begroting_2018_2019_closes_at_zero_to_the_euro(app):
    BudgetLine.set_year(2018, PROJECTPLAN_BUDGET)
    _vo_seats()
    with app.app_context():
        result = begroting(2018)
    baten, lasten, natura = (result.sections[k] for k in ("baten", "lasten", "natura"))
    # Projectplan, "Bekostiging": Totaal € 145.086 on both sides, Resultaat € 0 (with VO at
    # € 38.883: the printed € 38.884 is one euro more than its own totals allow).
    assert baten.budget == Decimal("145086") and baten.has_pm  # MBO is PM
    assert lasten.budget == Decimal("145086")
    assert result.result == Decimal("0")
    assert natura.budget == Decimal("110900")  # "Begroting bijdrage in natura", MBO PM
    (payout,) = [line for line in lasten.lines if line.key == "projectgroep"]
    assert (
        payout.budget == Decimal("16683") and payout.computed == "3 zetels × 90 uur × €\u00a061,79"
    )
    assert [line.label for line in lasten.lines] == [
        "Netwerkvorming en -onderhoud",
        "Communicatie",
        "Academie inhuur derden",
        "Projectgroep (uitbetaling)",
        "Onvoorzien",
    ]


def _line(result, key):
    (found,) = [line for s in result.sections.values() for line in s.lines if line.key == key]
    return found


def test_the_projectgroep_payout_follows_its_seats(app):
    BudgetLine.set_year(2019, {"projectgroep": Decimal("99999")})
    _vo_seats(2, starts_on=date(2019, 8, 1))
    with app.app_context():
        payout = _line(begroting(2019), "projectgroep")
    assert payout.budget == Decimal("11122")  # 2 × 90 × € 61,79 = € 11.122,20
    with app.app_context():
        before = _line(begroting(2018), "projectgroep")
    assert before.budget is None and not before.computed  # no paid seats, nothing entered


def test_actuals_come_from_invoices_and_credit_notes_and_are_entered_for_the_rest(
    app, client, login, leader
):
    network()
    BudgetLine.set_year(2018, PROJECTPLAN_BUDGET)
    with app.test_request_context():
        invoicing.create_invoices(2018, leader)  # PO 1.000, gemeente 10.000, museum 500
        museum = [i for i in invoicing.Invoice.of_year(2018) if i.billing_name.startswith("Mus")]
        invoicing.credit(museum[0].id, leader, "Dubbel")
    login(leader)
    page = client.get("/bijdragen/2018/begroting")
    assert page.status_code == 200
    data = {
        "actual_innovatiesubsidies": "20.700",
        "actual_netwerkvorming": "90.000,50",
        "line_MBO": "PM",
        **{f"line_{k}": "" if v is None else str(v) for k, v in PROJECTPLAN_BUDGET.items()},
    }
    data["line_MBO"] = "PM"
    data["line_natura_mbo"] = "PM"
    saved = client.post("/bijdragen/2018/begroting", data=data)
    assert saved.status_code == 303, saved.text
    with app.app_context():
        result = begroting(2018)
    lines = {line.key: line for s in result.sections.values() for line in s.lines}
    assert lines["PO"].actual == Decimal("1000.00")
    assert lines["afspraak"].actual == Decimal("10000.00")
    assert lines["overig"].actual == Decimal("0.00")  # the museum's invoice was credited
    assert lines["innovatiesubsidies"].actual == Decimal("20700.00")
    assert lines["netwerkvorming"].difference == Decimal("-4999.50")
    assert result.actual_result == Decimal("31700.00") - Decimal("90000.50")
    rows = list(
        csv.reader(io.StringIO(client.get("/bijdragen/2018/begroting.csv").text), delimiter=";")
    )
    assert rows[0][0] == "\ufeffOnderdeel" and rows[0][1:5] == [
        "Regel",
        "Begroot",
        "Werkelijk",
        "Verschil",
    ]
    assert ["Baten", "Primair Onderwijs", "28.000,00", "1.000,00", "-27.000,00", ""] in rows
    assert ["Baten", "MBO", "PM", "0,00", "", ""] in rows
    assert rows[-1][:3] == ["Resultaat", "Baten min lasten", "0,00"]
