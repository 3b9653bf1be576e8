"""The public partner directory: filters with and without htmx, and its cost at scale."""

import pytest

from tests.support import factories
from tests.support.partners_support import add_partners
from tests.support.query_count import counted_queries


@pytest.fixture
def partners(make_organisation):
    """Four partners in two sectors and two municipalities, and one aspirant."""
    make_organisation(name="SCOL", sector="PO", municipality="Leiden", profile="Scholen in Leiden.")
    make_organisation(name="Nutsschool", sector="PO", municipality="Voorschoten")
    make_organisation(name="Stedelijk Gymnasium", sector="VO", municipality="Leiden")
    make_organisation(
        name="Naturalis", sector="cultuur", municipality="Leiden", website="https://naturalis.nl"
    )
    make_organisation(name="Nog Niet Toegelaten", sector="PO", status="aspirant")


def test_everyone_sees_the_current_partners_without_logging_in(client, partners):
    page = client.get("/partners/").get_data(as_text=True)
    for name in ("SCOL", "Nutsschool", "Stedelijk Gymnasium", "Naturalis"):
        assert name in page
    assert "Nog Niet Toegelaten" not in page
    assert "Scholen in Leiden." in page and "Primair onderwijs · Leiden" in page
    assert 'href="https://naturalis.nl"' in page
    assert "Beheren" not in page


def test_filter_by_sector_and_municipality_with_a_plain_link(client, partners):
    page = client.get("/partners/?sector=PO&gemeente=Leiden").get_data(as_text=True)
    assert "SCOL" in page and "Nutsschool" not in page and "Stedelijk Gymnasium" not in page
    assert "<strong>1</strong> partner in de sector Primair onderwijs in Leiden" in page
    assert "<h1>" in page  # a whole page for a plain request


def test_htmx_filter_returns_only_the_list(client, partners):
    response = client.get("/partners/?sector=VO", headers={"HX-Request": "true"})
    fragment = response.get_data(as_text=True)
    assert fragment.lstrip().startswith('<section id="partner-list"')
    assert "Stedelijk Gymnasium" in fragment and "SCOL" not in fragment
    assert "<h1>" not in fragment
    assert "HX-Request" in response.headers["Vary"]


def test_history_restore_gets_the_whole_page(client, partners):
    headers = {"HX-Request": "true", "HX-History-Restore-Request": "true"}
    assert "<h1>" in client.get("/partners/?sector=VO", headers=headers).get_data(as_text=True)


def test_unknown_filters_are_ignored(client, partners):
    page = client.get("/partners/?sector=DROP&gemeente=Atlantis").get_data(as_text=True)
    assert "Geen partners gevonden" in page
    assert client.get("/partners/?sector=DROP").status_code == 200


def test_municipalities_to_filter_on_come_from_the_partners(client, partners):
    page = client.get("/partners/").get_data(as_text=True)
    assert '<option value="Voorschoten"' in page and '<option value="Leiden"' in page


def test_a_contactpersoon_sees_a_manage_link_for_their_own_organisation(
    client, login, make_user, make_organisation
):
    own = make_organisation(name="Eigen")
    make_organisation(name="Ander")
    login(make_user(organisation=own))
    page = client.get("/partners/").get_data(as_text=True)
    assert f'href="/partners/{own.id}"' in page and page.count("Beheren<") == 1


def test_directory_queries_stay_constant_from_50_to_5000_partners(client, login, make_user):
    login(make_user("projectleider"))
    add_partners(50)
    urls = ["/partners/", "/partners/?sector=PO&gemeente=Leiden"]
    with counted_queries() as small:
        for url in urls:
            assert client.get(url).status_code == 200
    add_partners(4950, start=50)
    with counted_queries() as large:
        pages = [client.get(url).get_data(as_text=True) for url in urls]
    assert "<strong>5000</strong> partners" in pages[0] and "Pagina 1 van 167" in pages[0]
    assert "Partner 04998" not in pages[1]  # sector VO, not PO
    assert len(large) == len(small)


def test_directory_pages_through_long_lists(client):
    add_partners(65)
    page = client.get("/partners/?pagina=3").get_data(as_text=True)
    assert "Pagina 3 van 3" in page and "Partner 00064" in page and "Partner 00000" not in page
    assert 'rel="prev"' in page and 'rel="next"' not in page


def test_a_visitor_who_only_reads_gets_no_session_and_sees_a_new_partner_at_once(client):
    factories.organisation(name="Openbare Partner")
    first = client.get("/partners/")
    assert "Openbare Partner" in first.get_data(as_text=True)
    assert "X-CSRFToken" not in first.get_data(as_text=True)
    assert "Set-Cookie" not in first.headers  # no session made for a visitor who only reads
    factories.organisation(name="Tweede Partner")
    assert "Tweede Partner" in client.get("/partners/").get_data(as_text=True)


def test_a_visitor_with_a_message_waiting_gets_the_page_made_for_them(client):
    with client.session_transaction() as session:
        session["_flashes"] = [("success", "U bent uitgelogd.")]
    page = client.get("/partners/").get_data(as_text=True)
    assert "U bent uitgelogd." in page
    assert "U bent uitgelogd." not in client.get("/partners/").get_data(as_text=True)


def test_the_page_links_carry_the_search_as_parsed_never_made_up_arguments(client):
    for number in range(35):
        factories.organisation(name=f"Partner {number:02d}", sector="PO")
    first = client.get("/partners/?sector=PO&x=gemaakt&zoek=++Partner+").get_data(as_text=True)
    again = client.get("/partners/?sector=PO&zoek=Partner").get_data(as_text=True)
    for page in (first, again):
        assert "x=gemaakt" not in page
        assert "zoek=Partner&amp;sector=PO&amp;pagina=2" in page


def test_a_page_past_the_last_shows_the_last(client):
    add_partners(35)
    page = client.get("/partners/?pagina=9").get_data(as_text=True)
    assert "Pagina 2 van 2" in page and "Partner 00034" in page and "Partner 00000" not in page
    empty = client.get("/partners/?zoek=niemand&pagina=3").get_data(as_text=True)
    assert "<strong>0</strong> partners" in empty


def test_a_partner_has_a_public_page_without_any_e_mail_address(
    client, make_organisation, make_user
):
    partner = make_organisation(name="Museum De Lakenhal", profile="Kunst voor iedereen.")
    make_user(organisation=partner, name="Ellen de Bruin", email="ellen@lakenhal.example.org")
    page = client.get(f"/partners/{partner.id}/over").get_data(as_text=True)
    assert "Kunst voor iedereen." in page and "Ellen de Bruin" in page
    assert "@" not in page.split("<main")[1]
    applicant = make_organisation(status="aspirant-partner")
    assert client.get(f"/partners/{applicant.id}/over").status_code == 404
