"""A schooljaar is computed from that schooljaar: who was a partner then (the membership
history) and the counts recorded for that year, never from today's partners and counts."""

from datetime import date
from decimal import Decimal

from intranet.admission.workflow import WORKFLOW as admission
from intranet.clock import today
from intranet.fees import invoicing
from intranet.fees.compute import overview, summary
from intranet.fees.models import FeeRate
from intranet.fees.rules import JOINED_DURING_YEAR, PROJECTPLAN_RATES
from intranet.models import PartnerMembership, PupilCount
from intranet.schooljaar import schooljaar_of
from intranet.statuses import change_organisation_status
from intranet.workflows import engine
from intranet.workflows.states import OrganisationStatus
from tests.support import factories
from tests.support.partners_support import HEADER, csv_bytes, import_file


def _rates(*years):
    for year in years:
        FeeRate.set_year(year, PROJECTPLAN_RATES)


def _names(year):
    return {item.organisation.name for item in overview(year).contributions}


def test_a_partner_admitted_today_is_on_no_earlier_schooljaar(app, make_user):
    current = schooljaar_of()
    _rates(2018, current - 1, current)
    leader = make_user("projectleider")
    case = factories.Case(make_user(), route="basis", name="Bouwspeelplaats De Rijn").submitted()
    engine.fire(admission, case.id, "bevestigen", leader, comment="Akkoord.")
    organisation = case.get().organisation
    assert organisation.status == OrganisationStatus.PARTNER
    (membership,) = PartnerMembership.of(organisation)
    assert membership.route == "basis" and membership.ends_on is None
    assert "Bouwspeelplaats De Rijn" in _names(current)
    for year in (2018, current - 1):
        assert "Bouwspeelplaats De Rijn" not in _names(year)
        planned = invoicing.plan(year)
        assert organisation.id not in {i.organisation.id for i in planned.due + planned.without}
    # It owes this schooljaar's whole membership, not a share of it.
    (item,) = [c for c in overview(current).contributions if c.organisation.id == organisation.id]
    assert item.amount == Decimal("150.00")


def test_a_partner_that_left_in_2022_stays_on_2018_2019(app):
    _rates(2018, 2022)
    left = factories.organisation(name="Aiolos", sector="bedrijf", membership_type="basis")
    factories.organisation(name="SCOL", sector="PO", pupil_count=3900)
    change_organisation_status(
        left, OrganisationStatus.OUD_PARTNER, "niet_verlengd", on=date(2022, 8, 1)
    )
    assert {"Aiolos", "SCOL"} <= _names(2018)
    assert "Aiolos" in _names(2021)  # its last schooljaar, 2021-2022
    assert _names(2022) == {"SCOL"}
    (membership,) = PartnerMembership.of(left)
    assert membership.last_day == date(2022, 7, 31)
    # The dashboard's summary counts the same payers.
    assert summary(2018).total == overview(2018).total == Decimal("150.00") + Decimal("9750.00")
    assert summary(2022).total == overview(2022).total == Decimal("9750.00")


def test_a_schooljaar_keeps_its_own_count(app):
    _rates(2018, 2020, 2021)
    school = factories.organisation(name="Haanstrabasisschool", sector="PO", pupil_count=400)
    PupilCount.record(school, 2020, 500, 2018)
    school.pupil_count = 500
    school.save()
    amounts = {
        year: [c.amount for c in overview(year).contributions][0] for year in (2018, 2020, 2021)
    }
    assert amounts == {
        2018: Decimal("1000.00"),  # 400 x € 2,50: the earlier count stays
        2020: Decimal("1250.00"),
        2021: Decimal("1250.00"),  # no count of its own: the latest earlier one
    }
    assert summary(2018).total == Decimal("1000.00") and summary(2021).total == Decimal("1250.00")
    assert PupilCount.history(school) == {2018: 400, 2020: 500}


def test_the_profile_sets_this_schooljaars_count_and_earlier_years_keep_theirs(
    client, login, make_user
):
    current = schooljaar_of()
    _rates(2018, current)
    school = factories.organisation(name="Nutsbasisschool", sector="PO", pupil_count=400)
    login(make_user(organisation=school))
    response = client.post(
        f"/partners/{school.id}/profiel",
        data={"pupil_count": "480", "website": "", "profile": "Een school."},
    )
    assert response.status_code == 303, response.get_data(as_text=True)
    assert PupilCount.history(school) == {2018: 400, current: 480}
    assert [c.count for c in overview(2018).contributions] == [400]
    assert [c.count for c in overview(current).contributions] == [480]


def test_the_partner_page_shows_the_membership_history(client, login, make_user):
    partner = factories.organisation(name="Museum Boerhaave", partner_since=date(2018, 10, 31))
    change_organisation_status(
        partner, OrganisationStatus.OUD_PARTNER, "niet_verlengd", on=date(2022, 8, 1)
    )
    change_organisation_status(partner, OrganisationStatus.PARTNER, "toelaten", route="uitgebreid")
    login(make_user("projectleider"))
    page = client.get(f"/partners/{partner.id}").get_data(as_text=True)
    assert "Partner van het netwerk" in page
    assert "31-10-2018" in page and "31-07-2022" in page
    assert "Toegelaten: uitgebreid lidmaatschap" in page and "Convenant ondertekend" in page


def test_the_specification_says_what_a_partner_joining_mid_year_owes(client, login, make_user):
    current = schooljaar_of()
    _rates(2018, current)
    partner = factories.organisation(
        name="Nieuw", sector="bedrijf", membership_type="basis", partner_since=today()
    )
    login(make_user("projectleider"))
    page = client.get(f"/bijdragen/{current}/partner/{partner.id}").get_data(as_text=True)
    assert JOINED_DURING_YEAR in page and "€\xa0150,00" in page
    earlier = client.get(f"/bijdragen/2018/partner/{partner.id}").get_data(as_text=True)
    assert "geen partner" in earlier and "€\xa0150,00" not in earlier


def test_the_import_sets_this_schooljaars_count_and_opens_memberships(app):
    current = schooljaar_of()
    _rates(2018, current)
    school = factories.organisation(name="SCOL", sector="PO", pupil_count=3900)
    rows = [
        "SCOL;PO;Leiden;4000;convenant;nee;;;;;;;",
        "Nieuwe School;PO;Leiden;100;convenant;nee;;;;;;;",
    ]
    result = import_file(csv_bytes(HEADER, *rows))
    assert result.applied, [p.errors for p in result.plans]
    assert PupilCount.history(school) == {2018: 3900, current: 4000}
    assert [c.count for c in overview(2018).contributions] == [3900]
    assert {c.organisation.name: c.count for c in overview(current).contributions} == {
        "SCOL": 4000,
        "Nieuwe School": 100,
    }
    (new,) = PartnerMembership.select().where(PartnerMembership.route == "import")
    assert new.starts_on == today() and new.ends_on is None


def test_the_import_brings_fee_agreements_for_a_schooljaar(app):
    from intranet.fees.models import FeeAgreement

    _rates(2018)
    swv = factories.organisation(name="SWV VO", sector="overig")
    header = "naam;afspraak bijdrage;schooljaar afspraak;toelichting afspraak"
    rows = ["SWV VO;€ 15.000;2018-2019;projectplan", "AED;in natura;2018;projectgroeplid"]
    preview = import_file(csv_bytes(header, *rows), dry_run=True)
    assert preview.plans[0].changes == ["afspraak 2018-2019: geen → € 15.000,00"]
    assert preview.plans[1].errors  # a new organisation needs a sector and municipality
    result = import_file(csv_bytes(header, rows[0]))
    assert result.applied
    agreement = FeeAgreement.for_year(2018)[swv.id]
    assert (agreement.kind, agreement.price, agreement.note) == (
        "afspraak",
        Decimal("15000.00"),
        "projectplan",
    )
    (item,) = overview(2018).contributions
    assert item.amount == Decimal("15000.00")
    again = import_file(csv_bytes(header, rows[0]), dry_run=True)
    assert again.plans[0].status == "ongewijzigd"
    bad = import_file(csv_bytes(header, "SWV VO;veel;2018-2020;"), dry_run=True)
    assert bad.plans[0].errors == ["Schrijf het schooljaar van de afspraak als 2018-2019."]
