"""Lists: the archive of finished applications with search, and name search in the directory."""

from intranet.admission.workflow import WORKFLOW as admission
from intranet.workflows import engine
from tests.support.decide import HTMX, people, text
from tests.support.weekly_support import application, with_leader


def _finished(cast, make_user):
    admitted = with_leader(make_user(), route="basis", name="Bakkerij De Korenschoof")
    engine.fire(admission, admitted.id, "bevestigen", cast.leader)
    rejected = with_leader(make_user(), route="basis", name="Kapsalon Knip")
    engine.fire(admission, rejected.id, "afwijzen", cast.leader, comment="Geen past.")
    withdrawn = application(make_user(), route="basis", name="Bakkerij Bol")
    engine.fire(admission, withdrawn.id, "intrekken", withdrawn.applicant)
    with_leader(make_user(), route="basis", name="Bakkerij Nog Open")
    return admitted, rejected, withdrawn


def test_the_archive_lists_decided_and_withdrawn_applications_latest_first(
    client, login, make_user
):
    cast = people(make_user)
    admitted, rejected, withdrawn = _finished(cast, make_user)
    login(cast.leader)
    page = text(client.get("/aanmeldingen/archief"))
    assert page.index("Bakkerij Bol") < page.index("Kapsalon Knip")
    assert page.index("Kapsalon Knip") < page.index("Bakkerij De Korenschoof")
    assert "Bakkerij Nog Open" not in page
    assert "<strong>3</strong> aanmeldingen" in page
    assert f'href="/aanmeldingen/{rejected.id}"' in page
    assert 'href="/aanmeldingen/archief"' in text(client.get("/aanmeldingen/"))


def test_the_archive_searches_by_name_and_filters_by_outcome(client, login, make_user):
    cast = people(make_user)
    _finished(cast, make_user)
    login(cast.leader)
    page = text(client.get("/aanmeldingen/archief?zoek=  bakkerij "))
    assert "Bakkerij Bol" in page and "Bakkerij De Korenschoof" in page
    assert "Kapsalon Knip" not in page and "met ‘bakkerij’ in de naam" in page
    page = text(client.get("/aanmeldingen/archief?zoek=bakkerij&uitkomst=toegelaten"))
    assert "Bakkerij De Korenschoof" in page and "Bakkerij Bol" not in page
    fragment = text(client.get("/aanmeldingen/archief?zoek=knip", headers=HTMX))
    assert fragment.lstrip().startswith('<section id="archive-list"')
    assert "Kapsalon Knip" in fragment
    odd = text(client.get("/aanmeldingen/archief?zoek=%25_&uitkomst=verzonnen"))
    assert "<strong>0</strong> aanmeldingen" in odd  # % and _ are letters here, not wildcards


def test_the_directory_finds_partners_by_name(client, make_organisation):
    make_organisation(name="Museum Boerhaave")
    make_organisation(name="Museum Volkenkunde")
    make_organisation(name="Vlietlandcollege")
    page = text(client.get("/partners/?zoek=museum"))
    assert "Museum Boerhaave" in page and "Museum Volkenkunde" in page
    assert "Vlietlandcollege" not in page and "met ‘museum’ in de naam" in page
    fragment = text(client.get("/partners/?zoek=vliet", headers=HTMX))
    assert "Vlietlandcollege" in fragment and "Museum" not in fragment
