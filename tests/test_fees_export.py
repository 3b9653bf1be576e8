"""The CSV export for Excel and Dutch amounts in and out."""

import csv
import io
from decimal import Decimal

import pytest

from intranet.fees.export import dutch_number, parse_dutch_number
from intranet.fees.models import PROJECTPLAN_RATES, FeeRate
from intranet.models import Organisation
from tests.support import factories


@pytest.fixture
def partners_2018(app, make_organisation):
    """Rates for 2018-2019 and one partner of each interesting kind."""
    FeeRate.set_year(2018, PROJECTPLAN_RATES)
    make_organisation(name="Basisschool Één", sector="PO", pupil_count=4200)
    make_organisation(name="VSE 'De Peuter'", sector="VSE", pupil_count=433)
    make_organisation(name="Instrumentenmakers; MBO", sector="MBO", pupil_count=220)
    make_organisation(name="Hogeschool", sector="HO")
    make_organisation(name="Adviesbureau", sector="bedrijf", membership_type="uitgebreid")


def _parse(body):
    text = body.decode("utf-8")
    assert text.startswith("\ufeff"), "Excel needs the BOM to read UTF-8"
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


def test_csv_parses_back_to_the_same_decimals(client, login, make_user, partners_2018):
    login(make_user("projectleider"))
    response = client.get("/bijdragen/2018/abonnementsgelden.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert "abonnementsgelden-2018-2019.csv" in response.headers["Content-Disposition"]
    header, *rows, total = _parse(response.data)
    assert header[0] == "Organisatie" and header[6] == "Bijdrage"
    amounts = {row[0]: row[6] for row in rows}
    assert amounts == {
        "Adviesbureau": "500,00",
        "Basisschool Één": "10.500,00",
        "Hogeschool": "500,00",
        "Instrumentenmakers; MBO": "",
        "VSE 'De Peuter'": "649,50",
    }
    parsed = {name: parse_dutch_number(value) for name, value in amounts.items() if value}
    assert parsed["VSE 'De Peuter'"] == Decimal("649.50")
    assert parse_dutch_number(total[6]) == sum(parsed.values()) == Decimal("12149.50")
    mbo = next(row for row in rows if row[0].startswith("Instrumentenmakers"))
    assert mbo[5] == "PM" and "PM" in mbo[7]
    assert total[7].endswith("plus PM")  # the total is not the whole story while MBO is PM


def test_csv_neutralises_spreadsheet_formulas_in_names(client, login, make_user, partners_2018):
    Organisation.create(name="=1+2", sector="PO", municipality="@SUM(A1)", status="partner")
    factories.memberships_for_partners()
    login(make_user("projectleider"))
    rows = _parse(client.get("/bijdragen/2018/abonnementsgelden.csv").data)
    assert ["'=1+2", "'@SUM(A1)"] in [row[:2] for row in rows]


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        (Decimal("0"), "0,00"),
        (Decimal("1.5"), "1,50"),
        (Decimal("1234.5"), "1.234,50"),
        (Decimal("1234567.89"), "1.234.567,89"),
    ],
)
def test_amounts_are_written_the_dutch_way(amount, text):
    assert dutch_number(amount) == text
    assert parse_dutch_number(text) == amount


@pytest.mark.parametrize(
    ("typed", "amount"),
    [
        ("1,50", Decimal("1.50")),
        ("€ 1.234,50", Decimal("1234.50")),
        ("1.500", Decimal("1500")),
        ("2.75", Decimal("2.75")),
        ("500", Decimal("500")),
    ],
)
def test_amounts_are_read_as_a_dutch_user_types_them(typed, amount):
    assert parse_dutch_number(typed) == amount


@pytest.mark.parametrize("typed", ["-1", "abc", "1,2,3", "1.23.4", "1,50 euro"])
def test_nonsense_is_not_an_amount(typed):
    with pytest.raises(ValueError, match="Vul een bedrag in"):
        parse_dutch_number(typed)
