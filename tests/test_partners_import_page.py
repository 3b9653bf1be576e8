"""The projectleider's import page: upload, preview per row, confirm; and the export download."""

import io
import re

from intranet.models import Organisation
from intranet.partners import cells, table
from tests.support.partners_support import HEADER, MUSEUM, csv_bytes


def upload(client, data, name="partners.csv"):
    """Post a file to the preview."""
    return client.post(
        "/partners/import",
        data={"file": (io.BytesIO(data), name)},
        content_type="multipart/form-data",
    )


def test_preview_then_confirm_imports_the_file(client, login, make_user):
    login(make_user("projectleider"))
    preview = upload(client, csv_bytes(HEADER, MUSEUM))
    page = preview.get_data(as_text=True)
    assert preview.status_code == 200 and "1 nieuw, 0 gewijzigd, 0 ongewijzigd" in page
    assert Organisation.select().count() == 0
    token = re.search(r'name="upload" type="hidden" value="([^"]+)"', page).group(1)
    done = client.post("/partners/import/bevestigen", data={"upload": token})
    assert done.status_code == 303
    assert Organisation.get().name == "Museum Het Hof"
    again = client.post("/partners/import/bevestigen", data={"upload": token})
    assert again.status_code == 409 and "verlopen of al gebruikt" in again.get_data(as_text=True)


def test_preview_with_an_error_offers_no_confirmation(client, login, make_user):
    login(make_user("projectleider"))
    response = upload(client, csv_bytes(HEADER, MUSEUM.replace("cultuur", "circus")))
    page = response.get_data(as_text=True)
    assert response.status_code == 422 and "Regel 2 (Museum Het Hof): Onbekende sector" in page
    assert "Import bevestigen" not in page
    assert "1 regel met een fout" in page and "(s)" not in page


def test_a_20_mb_upload_is_refused_in_dutch(client, login, make_user):
    login(make_user("projectleider"))
    response = upload(client, b"naam\r\n" + b"x" * (20 * 1024 * 1024))
    assert response.status_code == 413
    assert "Het bestand is te groot" in response.get_data(as_text=True)


def test_a_binary_upload_is_refused_in_dutch(client, login, make_user):
    login(make_user("projectleider"))
    response = upload(client, bytes(range(256)) * 40, "foto.jpg")
    assert response.status_code == 422
    assert "geen CSV- of Excel-bestand" in response.get_data(as_text=True)


def test_a_forged_upload_token_is_refused(client, login, make_user):
    login(make_user("projectleider"))
    response = client.post("/partners/import/bevestigen", data={"upload": "../../etc/passwd"})
    assert response.status_code == 409


def test_download_button_writes_the_import_format(client, login, make_user, make_organisation):
    login(make_user("projectleider"))
    make_organisation(name="Naturalis", pupil_count=None)
    for kind in ("csv", "xlsx"):
        response = client.get(f"/partners/export.{kind}")
        assert response.status_code == 200
        assert "attachment" in response.headers["Content-Disposition"]
        rows = table.read(response.data)
        assert [cells.text(r.cells["name"]) for r in rows] == ["Naturalis"]
