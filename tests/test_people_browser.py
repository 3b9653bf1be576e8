"""In the browser: the projectleider imports a file through the page, and the Leden page."""

import pytest

from intranet.demo.core import PROJECTLEIDER
from intranet.models import Organisation
from tests.support.browser import run_axe, watch_for_errors

pytestmark = pytest.mark.once

CSV = (
    "naam;sector;gemeente;leerlingen/kindplaatsen;contactpersoon;contactpersoon e-mail\r\n"
    "Museum De Lakenhal;cultuur;Leiden;;Jet Smit;jet@lakenhal.example.org\r\n"
    "Naturalis Biodiversity Center;cultuur;Leiden;;;\r\n"
).encode("cp1252")


def test_the_projectleider_imports_a_file_through_the_page(live_server, browser):
    page = live_server.login(browser, PROJECTLEIDER[1])
    problems = watch_for_errors(page)
    page.goto("/partners/")
    page.click("text=Partners importeren of exporteren")
    page.set_input_files(
        "#file", files=[{"name": "partners.csv", "mimeType": "text/csv", "buffer": CSV}]
    )
    page.click("text=Voorbeeld bekijken")
    page.wait_for_selector("text=1 nieuw, 0 gewijzigd, 1 ongewijzigd.")
    with live_server.context():
        assert not Organisation.select().where(Organisation.name == "Museum De Lakenhal").exists()
    assert not run_axe(page)
    page.click("text=Import bevestigen")
    page.wait_for_selector("text=Geïmporteerd: 1 nieuw, 0 gewijzigd, 1 ongewijzigd.")
    with live_server.context():
        assert Organisation.get(Organisation.name == "Museum De Lakenhal").status == "partner"
    assert any(
        "/partners/uitnodiging/" in link
        for link in live_server.mail_links("jet@lakenhal.example.org")
    )
    assert not problems


def test_the_leden_page_shows_the_groups_and_passes_axe(live_server, browser):
    page = live_server.login(browser, PROJECTLEIDER[1])
    page.goto("/leden/")
    assert page.locator("h2", has_text="Regiegroep").is_visible()
    assert "(voorzitter)" in page.content()
    assert not run_axe(page)
