"""Importing and exporting the network: Dutch Excel CSV and xlsx, a preview per row, all or
nothing, idempotent, and an export that imports back unchanged."""

import io

import pytest
from openpyxl import Workbook

from intranet.models import Contact, Organisation, OutboxMessage, User
from intranet.partners import table
from intranet.partners.network_export import export
from intranet.refusals import Refused
from intranet.rounds.models import PeriodMembership
from tests.support import factories
from tests.support.partners_support import HEADER, MUSEUM, SCHOOL, csv_bytes, import_file
from tests.support.query_count import counting_queries
from tests.support.rounds_support import started


@pytest.fixture
def period(app):
    """A running convenant period."""
    return started(factories.period("De Leidse Aanpak 2.0"))


def test_dutch_csv_creates_partners_with_contacts_invited_by_link(period):
    result = import_file(csv_bytes(HEADER, SCHOOL, MUSEUM))
    assert result.applied and result.count("nieuw") == 2
    school = Organisation.get(Organisation.name == "Basisschool De Vlinder")
    assert (school.sector, school.pupil_count, school.lef_partner) == ("PO", 1200, True)
    assert school.website == "https://www.vlinder.nl" and school.status == "partner"
    kinds = {c.user.email: c.kind for c in Contact.of_organisation(school)}
    assert kinds == {"ans@vlinder.example.org": "primary", "piet@vlinder.example.org": "achtervang"}
    assert User.by_email("ans@vlinder.example.org").password_hash is None
    invite = OutboxMessage.get(OutboxMessage.to == "ans@vlinder.example.org")
    assert "/partners/uitnodiging/" in invite.body or "uitnodiging" in invite.subject.lower()
    signed = PeriodMembership.get(organisation=school)
    assert (signed.via, f"{signed.signed_on:%d-%m-%Y}") == ("ondertekend", "31-10-2018")
    assert not PeriodMembership.select().where(PeriodMembership.organisation != school).exists()


def test_windows_1252_csv_is_read(period):
    line = "Kunstwerk;cultuur;Zoeterwoude;;basis;nee;;René Müller;rene@kw.example.org;;;nee;"
    result = import_file(csv_bytes(HEADER, line, encoding="cp1252"))
    assert result.applied
    assert User.by_email("rene@kw.example.org").name == "René Müller"


def test_xlsx_is_read_with_numbers_and_dates_as_excel_stores_them(period):
    book = Workbook()
    book.active.append(["naam", "sector", "gemeente", "leerlingen/kindplaatsen", "ondertekend"])
    book.active.append(["Het Lyceum", "VO", "Leiden", 1361, "ja"])
    buffer = io.BytesIO()
    book.save(buffer)
    assert import_file(buffer.getvalue()).applied
    assert Organisation.get(Organisation.name == "Het Lyceum").pupil_count == 1361


def test_dry_run_previews_and_changes_nothing(period):
    result = import_file(csv_bytes(HEADER, SCHOOL), dry_run=True)
    assert [p.status for p in result.plans] == ["nieuw"] and not result.applied
    assert Organisation.select().count() == 0 and OutboxMessage.select().count() == 0


def test_a_second_run_of_the_same_file_changes_nothing(period):
    data = csv_bytes(HEADER, SCHOOL, MUSEUM)
    import_file(data)
    mails = OutboxMessage.select().count()
    again = import_file(data)
    assert [p.status for p in again.plans] == ["ongewijzigd", "ongewijzigd"]
    assert OutboxMessage.select().count() == mails


def test_match_on_normalised_name_updates_only_the_columns_present(period, make_organisation):
    make_organisation(name="Er-Risèlèh", sector="PO", pupil_count=200, website="https://e.nl")
    result = import_file(csv_bytes("naam;leerlingen/kindplaatsen", "  ER RISELEH ;250"))
    assert result.plans[0].status == "gewijzigd"
    # The name only matched: the import never renames (nor lowercases) an organisation.
    assert result.plans[0].changes == ["leerlingen/kindplaatsen: ‘200’ → ‘250’"]
    organisation = Organisation.get()
    assert (organisation.name, organisation.pupil_count) == ("Er-Risèlèh", 250)
    assert organisation.website == "https://e.nl"


def test_preview_names_the_changed_columns(period, make_organisation):
    make_organisation(name="Museum Het Hof", sector="cultuur", municipality="Leiden")
    result = import_file(csv_bytes(HEADER, MUSEUM), dry_run=True)
    assert result.plans[0].status == "gewijzigd"
    gemeente, lidmaatschap, contactpersoon = result.plans[0].changes
    assert gemeente == "gemeente: ‘Leiden’ → ‘Oegstgeest’"
    assert (
        lidmaatschap.startswith("lidmaatschap: Convenantpartner")
        and "→ Basislidmaatschap" in lidmaatschap
    )
    assert contactpersoon.startswith("contactpersoon: → ")


def test_an_empty_cell_changes_nothing_and_an_empty_ondertekend_revokes_nothing(
    period, make_organisation
):
    museum = make_organisation(
        name="Museum Boerhaave", sector="cultuur", pupil_count=None, website="https://b.nl"
    )
    museum.lef_partner = True
    museum.save()
    import_file(csv_bytes("naam;ondertekend;datum ondertekening", "Museum Boerhaave;ja;31-10-2018"))
    header = "naam;leerlingen/kindplaatsen;LEF-partner;website;ondertekend;datum ondertekening"
    result = import_file(csv_bytes(header, "museum boerhaave;;;;;"))
    assert result.applied and [p.status for p in result.plans] == ["ongewijzigd"]
    museum = Organisation.get_by_id(museum.id)
    assert (museum.name, museum.lef_partner, museum.website) == (
        "Museum Boerhaave",
        True,
        "https://b.nl",
    )
    (signed,) = PeriodMembership.select().where(PeriodMembership.organisation == museum.id)
    assert signed.via == "ondertekend"


def test_export_imports_back_unchanged(period):
    import_file(csv_bytes(HEADER, SCHOOL, MUSEUM))
    for kind in ("csv", "xlsx"):
        result = import_file(export(kind), dry_run=True)
        assert {p.status for p in result.plans} == {"ongewijzigd"}, kind


def test_the_demo_partner_list_round_trips(demo, runner, tmp_path):
    path = tmp_path / "partners.csv"
    assert runner.invoke(args=["partners", "export", str(path)]).exit_code == 0
    result = runner.invoke(args=["partners", "import", str(path)])
    assert result.exit_code == 0, result.output
    partners = Organisation.current_partners().count()  # partners and LEF partners, no vrienden
    assert partners == 46
    assert f"0 nieuw, 0 gewijzigd, {partners} ongewijzigd" in result.output
    assert path.read_bytes().startswith(b"\xef\xbb\xbfnaam;sector;")


def test_cli_dry_run_says_nothing_changed(runner, tmp_path, period):
    path = tmp_path / "partners.csv"
    path.write_bytes(csv_bytes(HEADER, SCHOOL))
    result = runner.invoke(args=["partners", "import", str(path), "--dry-run"])
    assert result.exit_code == 0 and "regel 2: Basisschool De Vlinder: nieuw" in result.output
    assert Organisation.select().count() == 0


BAD_ROWS = [
    ("Huis;onbekend;Leiden", "Onbekende sector ‘onbekend’"),
    ("Huis;PO;Leiden;abc", "‘abc’ is geen aantal leerlingen/kindplaatsen"),
    ("Huis;PO;Leiden;12,5", "‘12,5’ is geen aantal leerlingen/kindplaatsen"),
    ("Huis;PO;Leiden;;platina", "Onbekend lidmaatschap ‘platina’"),
    ("Huis;PO;Leiden;;;misschien", "Vul bij LEF-partner ja of nee in"),
    ("Huis;PO;Leiden;;;;;Jan;geen-adres", "‘geen-adres’ is geen geldig e-mailadres"),
    ("Huis;PO", "Een nieuwe organisatie heeft een gemeente nodig"),
    (";PO;Leiden", "De naam ontbreekt"),
    ("Huis;PO;Leiden;;;;;;;;;ja;32-13-2018", "Schrijf de datum van ondertekening als dd-mm-jjjj"),
]


@pytest.mark.parametrize(("line", "reason"), BAD_ROWS)
def test_a_bad_row_is_a_dutch_error_with_its_line_and_nothing_changes(period, line, reason):
    result = import_file(csv_bytes(HEADER, SCHOOL, line))
    assert not result.applied and result.plans[0].status == "nieuw"
    error = result.plans[1]
    assert error.line == 3 and reason in " ".join(error.errors)
    assert Organisation.select().count() == 0 and User.select().count() == 0


def test_a_duplicate_name_within_the_file_is_an_error(period):
    result = import_file(csv_bytes(HEADER, SCHOOL, SCHOOL.replace("De Vlinder", "de  vlinder")))
    assert not result.applied
    assert "staat ook op regel 2" in " ".join(result.plans[1].errors)


def test_an_email_of_another_organisation_is_an_error(period, make_organisation, make_user):
    make_user(organisation=make_organisation(name="Andere School"), email="ans@vlinder.example.org")
    result = import_file(csv_bytes(HEADER, SCHOOL))
    assert not result.applied
    assert "al in gebruik bij Andere School" in " ".join(result.plans[0].errors)


def test_signing_without_a_running_period_is_an_error(app):
    result = import_file(csv_bytes(HEADER, SCHOOL))
    assert "geen lopende convenantperiode" in " ".join(result.plans[0].errors)


FILE_ERRORS = [
    (b"name;kind\r\nX;PO", "Onbekende kolom(men) in regel 1: ‘name’, ‘kind’"),
    (b"sector;gemeente\r\nPO;Leiden", "De kolom ‘naam’ ontbreekt"),
    (b"\x00\x01\x02binary\xff\xfe" * 100, "geen CSV- of Excel-bestand"),
    (b"PK\x03\x04 not really a workbook", "Het Excel-bestand kan niet worden gelezen"),
    (b"\xd0\xcf\x11\xe0old excel", "oud Excel-bestand"),
    (b"   \r\n", "Het bestand is leeg"),
]


@pytest.mark.parametrize(("data", "reason"), FILE_ERRORS)
def test_an_unreadable_file_is_a_dutch_error(app, data, reason):
    with pytest.raises(Refused) as caught:
        table.read(data)
    assert reason in caught.value.message


def test_a_20_mb_file_is_refused_by_the_cli(runner, tmp_path):
    path = tmp_path / "groot.csv"
    path.write_bytes(b"naam\r\n" + b"x" * (20 * 1024 * 1024))
    result = runner.invoke(args=["partners", "import", str(path)])
    assert result.exit_code == 1 and "te groot" in result.output
    assert Organisation.select().count() == 0


def test_importing_2000_rows_takes_a_handful_of_statements_per_100_rows(period):
    lines = [HEADER] + [
        f"School {n};PO;Leiden;{n};convenant;nee;;Persoon {n};p{n}@example.org;"
        f"Achtervang {n};a{n}@example.org;ja;31-10-2018"
        for n in range(2000)
    ]
    with counting_queries() as queries:
        result = import_file(csv_bytes(*lines))
    assert result.applied and Organisation.select().count() == 2000
    assert Contact.select().count() == 4000 and OutboxMessage.select().count() == 4000
    assert queries["n"] <= 4 * 20, queries["n"]  # at most 4 per 100 rows
    with counting_queries() as queries:
        again = import_file(csv_bytes(*lines))
    assert again.count("ongewijzigd") == 2000 and queries["n"] <= 30, queries["n"]
