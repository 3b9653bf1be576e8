"""Files and the import as an attacker shapes them (issue 24): malformed and hostile .xlsx
files, a zip bomb, a sheet that claims to be huge, a CSV of 150,000 rows, a javascript:
website and lookalike names. Each is a Dutch answer in bounded time, never a 500, and
nothing is stored."""

import io
import re
import time
import zipfile

import pytest

from intranet import spreadsheet
from intranet.admission.apply.queries import likely_matches, same_name
from intranet.models import Organisation
from intranet.names import name_key
from intranet.partners import table
from intranet.partners.import_apply import import_rows
from intranet.refusals import Refused
from tests.conftest import PASSWORD
from tests.support import factories
from tests.support.workbooks import MALFORMED, SHEET, with_part, workbook
from tests.support.world import snapshot

HEADER = "naam;sector;gemeente;website"


@pytest.mark.parametrize("kind", MALFORMED)
def test_a_malformed_workbook_is_a_dutch_refusal(app, kind):
    data = MALFORMED[kind](workbook())
    with pytest.raises(Refused) as caught:
        table.read(data)
    assert "Excel-bestand kan niet worden gelezen" in caught.value.message
    assert "root:" not in caught.value.message


def test_a_zip_bomb_is_refused_before_it_is_unpacked(app):
    rows = "".join(
        f'<row r="{n}"><c r="A{n}" t="inlineStr"><is><t>x</t></is></c></row>'
        for n in range(1, 300_001)
    )
    bomb = with_part(workbook(), SHEET, f"<worksheet><sheetData>{rows}</sheetData></worksheet>")
    assert len(bomb) < 2 * 1024 * 1024  # small on the wire, far larger unpacked
    started = time.perf_counter()
    with pytest.raises(Refused) as caught:
        table.read(bomb)
    assert "uitgepakt te groot" in caught.value.message
    assert time.perf_counter() - started < 1


def test_a_sheet_claiming_a_huge_size_costs_only_what_it_holds(app):
    data = workbook()
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        sheet = source.read(SHEET).decode()
    claimed = re.sub(r'<dimension ref="A1:C2"\s*/>', '<dimension ref="A1:ALL20000"/>', sheet)
    assert claimed != sheet
    started = time.perf_counter()
    rows = table.read(with_part(data, SHEET, claimed))
    assert time.perf_counter() - started < 1
    assert [row.cells["name"] for row in rows] == ["School A"]


def test_too_many_rows_or_columns_are_refused_as_they_are_read(app):
    lines = [HEADER] + [f"School {n};PO;Leiden;" for n in range(150_000)]
    started = time.perf_counter()
    with pytest.raises(Refused) as caught:
        table.read("\r\n".join(lines).encode())
    assert f"meer dan {spreadsheet.MAX_ROWS} regels" in caught.value.message
    assert time.perf_counter() - started < 2
    wide = ";".join(["naam"] * 60)
    with pytest.raises(Refused) as caught:
        table.read(f"{wide}\r\nx".encode())
    assert "kolommen" in caught.value.message
    many = [("naam",), *((f"School {n}",) for n in range(spreadsheet.MAX_ROWS + 5))]
    with pytest.raises(Refused):
        table.read(workbook(many))


@pytest.mark.parametrize(
    "website",
    ["javascript://x.example/%0aalert(1)", "data:text/html,<b>x</b>", "https://a b.example"],
)
def test_the_import_refuses_a_website_the_forms_refuse(app, website):
    before = snapshot()
    result = import_rows(table.read(f"{HEADER}\r\nSchool A;PO;Leiden;{website}".encode()), None)
    assert not result.applied and "geen geldig webadres" in " ".join(result.plans[0].errors)
    assert snapshot() == before
    assert not Organisation.select().where(Organisation.website.contains("javascript")).exists()


LOOKALIKES = [
    "Naturalis\u200b Biodiversity Center",
    "Naturalis Biodiversity Center.",
    "Naturalis\u200dBiodiversity Center",
    "ＮＡＴＵＲＡＬＩＳ Biodiversity Center",
    "Naturalis Biodiversity\u00ad Center!",
]


@pytest.mark.parametrize("name", LOOKALIKES)
def test_a_lookalike_name_is_the_same_name(app, name):
    assert name_key(name) == name_key("Naturalis Biodiversity Center")
    naturalis = factories.organisation(name="Naturalis Biodiversity Center", status="partner")
    assert [o.id for o in Organisation.select().where(same_name(name))] == [naturalis.id]
    plans = import_rows(table.read(f"{HEADER}\r\n{name};HO;Leiden;".encode()), None, True).plans
    assert plans[0].organisation is not None and plans[0].organisation.id == naturalis.id


def test_an_application_under_a_lookalike_name_shows_the_likely_match(app, client, make_user):
    naturalis = factories.organisation(name="Naturalis Biodiversity Center", status="partner")
    lookalike = factories.organisation(name="Naturalis\u200b Biodiversity Center.")
    assert [o.id for o in likely_matches(lookalike)] == [naturalis.id]


def test_hostile_uploads_over_http_answer_422_in_dutch(app, make_user):
    client = app.test_client()
    leader = make_user("projectleider")
    assert (
        client.post("/inloggen", data={"email": leader.email, "password": PASSWORD}).status_code
        == 302
    )
    for kind, make in MALFORMED.items():
        data = make(workbook())
        answer = client.post(
            "/partners/import",
            data={"file": (io.BytesIO(data), "partners.xlsx")},
            content_type="multipart/form-data",
        )
        assert answer.status_code == 422, kind
        assert "kan niet worden gelezen" in answer.get_data(as_text=True)
