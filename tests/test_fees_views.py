"""Fee pages: the overview, the rates form, a partner's printable specification."""

from decimal import Decimal

from intranet.fees.models import BudgetLine, FeeAgreement, FeeRate
from intranet.fees.rules import PROJECTPLAN_BUDGET, PROJECTPLAN_RATES
from intranet.schooljaar import schooljaar_of


def _form(**amounts):
    """Rates form data: the projectplan's, with some amounts replaced."""
    data = {}
    for kind, (basis, amount) in PROJECTPLAN_RATES.items():
        data[f"basis_{kind}"] = basis
        data[f"amount_{kind}"] = amounts.get(kind, "PM" if amount is None else str(amount))
    return data


def test_overview_shows_begroting_computed_and_difference_per_line(
    client, leader_logged_in, make_organisation
):
    FeeRate.set_year(2018, PROJECTPLAN_RATES)
    BudgetLine.set_year(2018, PROJECTPLAN_BUDGET)
    make_organisation(name="PROOLEiden", sector="PO", pupil_count=11200)
    make_organisation(name="Marecollege", sector="VO", pupil_count=12961)
    make_organisation(name="Leidse Instrumentenmakersschool", sector="MBO", pupil_count=220)
    make_organisation(name="Museum Boerhaave", sector="cultuur")
    page = client.get("/bijdragen/2018").get_data(as_text=True)
    assert "Abonnementsgelden 2018-2019" in page
    po = _row(page, "Primair Onderwijs")
    assert po.count("€\u00a028.000,00") == 2 and "€\u00a00,00" in po  # budget, computed, diff
    vo = _row(page, "Voortgezet Onderwijs")
    assert vo.count("€\u00a038.883,00") == 2 and "€\u00a00,00" in vo
    mbo = _row(page, "MBO")
    assert "PM" in mbo and "€\u00a00,00" not in mbo  # PM in every total, never € 0,00
    assert "+ PM" in _row(page, "Totaal")
    assert "1 bijdrage(n) konden niet worden berekend" in page  # the museum: no membership yet


def _row(page, header):
    """The table row whose header cell is exactly this text."""
    start = page.index(f'<th scope="row">{header}</th>')
    return page[start : page.index("</tr>", start)]


def test_projectleider_enters_the_begroting(client, leader_logged_in):
    data = {f"line_{line}": "" for line in PROJECTPLAN_BUDGET} | {"line_overig": ""}
    data |= {"line_VSE": "1.953", "line_PO": "28.000", "line_MBO": "PM", "line_afspraak": ""}
    response = client.post("/bijdragen/2018/begroting", data=data)
    assert response.status_code == 303
    assert BudgetLine.for_year(2018)["PO"] == Decimal("28000.00")
    assert BudgetLine.for_year(2018)["MBO"] is None


def test_a_bad_begroting_amount_gets_a_dutch_message_and_changes_nothing(client, leader_logged_in):
    data = {f"line_{line}": "1" for line in PROJECTPLAN_BUDGET} | {"line_PO": "abc"}
    response = client.post("/bijdragen/2018/begroting", data=data)
    assert response.status_code == 422
    assert "Vul een bedrag in" in response.get_data(as_text=True)
    assert BudgetLine.for_year(2018) == {}


def test_projectleider_records_an_agreed_amount(client, leader_logged_in, make_organisation):
    gemeente = make_organisation(name="Gemeente Leiden", sector="gemeente")
    data = {"organisation": gemeente.id, "kind": "afspraak", "amount": "10.000", "note": " x "}
    assert client.post("/bijdragen/2018/afspraken", data=data).status_code == 303
    assert FeeAgreement.for_year(2018)[gemeente.id].price == Decimal("10000.00")
    data["amount"] = ""
    response = client.post("/bijdragen/2018/afspraken", data=data)
    assert response.status_code == 422 and "Vul het afgesproken bedrag in" in response.text


def test_overview_of_a_year_without_rates_says_so(client, leader_logged_in):
    page = client.get(f"/bijdragen/{schooljaar_of() + 1}").get_data(as_text=True)
    assert "nog geen tarieven vastgesteld" in page


def test_unknown_years_are_not_found(client, leader_logged_in):
    assert client.get("/bijdragen/1999").status_code == 404
    assert client.get("/bijdragen/2999").status_code == 404


def test_projectleider_sets_next_years_rates(client, leader_logged_in):
    year = schooljaar_of() + 1
    form = client.get(f"/bijdragen/tarieven/{year}").get_data(as_text=True)
    assert 'value="2,50"' in form  # proposed from the projectplan
    response = client.post(f"/bijdragen/tarieven/{year}", data=_form(PO="2,75", MBO="1,25"))
    assert response.status_code == 303
    rates = FeeRate.for_year(year)
    assert rates["PO"].price == Decimal("2.75") and rates["MBO"].price == Decimal("1.25")
    assert rates["VSE"].price == Decimal("1.50") and rates["VSE"].basis == "per_kindplaats"


def test_bad_amounts_get_a_dutch_message_and_change_nothing(client, leader_logged_in):
    year = schooljaar_of() + 1
    response = client.post(f"/bijdragen/tarieven/{year}", data=_form(PO="twee", VO="1,505"))
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Vul een bedrag in zoals 1,50" in page
    assert "hoogstens twee cijfers achter de komma" in page
    assert 'value="twee"' in page  # what was typed stays
    assert FeeRate.for_year(year) == {}


def test_rates_of_a_past_year_cannot_be_changed(client, leader_logged_in):
    FeeRate.set_year(2018, PROJECTPLAN_RATES)
    response = client.post("/bijdragen/tarieven/2018", data=_form(PO="9,99"))
    assert response.status_code == 409
    assert "liggen vast" in response.get_data(as_text=True)
    assert FeeRate.for_year(2018)["PO"].price == Decimal("2.50")


def test_a_past_year_without_rates_can_be_filled_in_once(client, leader_logged_in):
    index = client.get("/bijdragen/tarieven").get_data(as_text=True)
    assert "nog geen tarieven" in index and 'href="/bijdragen/tarieven/2019"' in index
    form = client.get("/bijdragen/tarieven/2019").get_data(as_text=True)
    assert "eenmaal opgeslagen liggen ze vast" in form
    assert client.post("/bijdragen/tarieven/2019", data=_form()).status_code == 303
    assert client.post("/bijdragen/tarieven/2019", data=_form(PO="9,99")).status_code == 409
    assert FeeRate.for_year(2019)["PO"].price == Decimal("2.50")


def test_pm_can_be_filled_in_for_the_current_year(client, leader_logged_in):
    year = schooljaar_of()
    FeeRate.set_year(year, PROJECTPLAN_RATES)
    client.post(f"/bijdragen/tarieven/{year}", data=_form(MBO="2,00"))
    assert FeeRate.for_year(year)["MBO"].price == Decimal("2.00")


def test_a_contactpersoon_prints_their_own_specification(
    client, login, make_user, make_organisation
):
    FeeRate.set_year(2018, PROJECTPLAN_RATES)
    own = make_organisation(name="SPL", sector="VSE", pupil_count=432)
    other = make_organisation(name="Smallsteps", sector="VSE", pupil_count=300)
    login(make_user(organisation=own))
    page = client.get(f"/bijdragen/2018/partner/{own.id}").get_data(as_text=True)
    assert "Specificatie abonnementsgeld 2018-2019" in page
    assert "€\u00a0648,00" in page and "1 oktober 2018 t/m 31 juli 2019" in page
    assert "data-print" in page
    assert client.get(f"/bijdragen/2018/partner/{other.id}").status_code == 403
    assert client.get("/bijdragen/2018/partner/9999").status_code == 404
