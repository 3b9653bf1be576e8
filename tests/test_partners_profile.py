"""A partner's page and profile: what its contactpersonen and the projectleider may change."""

import pytest

from intranet.models import Organisation


@pytest.fixture
def partner(make_organisation):
    """A VSE partner."""
    return make_organisation(name="SPL", sector="VSE", pupil_count=432, profile="Kinderopvang.")


def _profile(**changes):
    data = {"municipality": "Leiden", "website": "", "profile": "Nieuw.", "pupil_count": "432"}
    data.update(changes)
    return data


def test_partner_page_shows_profile_contacts_and_history_section(client, login, make_user, partner):
    user = make_user(organisation=partner)
    login(user)
    page = client.get(f"/partners/{partner.id}").get_data(as_text=True)
    assert "<h1>SPL</h1>" in page and "Kinderopvang." in page
    assert user.email in page and 'id="contactpersonen"' in page
    assert 'id="lidmaatschap"' in page  # filled by the rounds feature once merged


def test_a_contactpersoon_updates_the_profile(client, login, make_user, partner):
    login(make_user(organisation=partner))
    response = client.post(
        f"/partners/{partner.id}/profiel",
        data=_profile(website="www.spl.nl", pupil_count="1.200", profile="  Nieuwe tekst. "),
    )
    assert response.status_code == 303
    saved = Organisation.get_by_id(partner.id)
    assert saved.website == "https://www.spl.nl"
    assert saved.pupil_count == 1200 and saved.profile == "Nieuwe tekst."


def test_a_contactpersoon_cannot_change_sector_or_name(client, login, make_user, partner):
    login(make_user(organisation=partner))
    form = client.get(f"/partners/{partner.id}/profiel").get_data(as_text=True)
    assert 'name="sector"' not in form
    client.post(f"/partners/{partner.id}/profiel", data=_profile(sector="WO", name="Anders"))
    saved = Organisation.get_by_id(partner.id)
    assert (saved.sector, saved.name) == ("VSE", "SPL")


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"municipality": ""}, "Vul de gemeente in."),
        ({"pupil_count": "veel"}, "Vul een heel getal in"),
        ({"pupil_count": "-5"}, "Vul een aantal van 0 tot 1.000.000 in."),
        ({"website": "https://"}, "Dit is geen geldig webadres"),
        ({"profile": "x" * 2001}, "onder de 2000 tekens"),
    ],
)
def test_bad_profile_input_gets_a_dutch_message_and_changes_nothing(
    client, login, make_user, partner, changes, message
):
    login(make_user(organisation=partner))
    response = client.post(f"/partners/{partner.id}/profiel", data=_profile(**changes))
    assert response.status_code == 422 and message in response.get_data(as_text=True)
    assert Organisation.get_by_id(partner.id).profile == "Kinderopvang."


def test_the_projectleider_also_sets_name_sector_and_membership(client, login, make_user, partner):
    login(make_user("projectleider"))
    data = _profile(name="SPL Kinderopvang", sector="PO", membership_type="basis")
    assert client.post(f"/partners/{partner.id}/profiel", data=data).status_code == 303
    saved = Organisation.get_by_id(partner.id)
    assert (saved.name, saved.sector, saved.membership_type) == ("SPL Kinderopvang", "PO", "basis")


def test_two_organisations_cannot_share_a_name(
    client, login, make_user, partner, make_organisation
):
    make_organisation(name="Smallsteps")
    login(make_user("projectleider"))
    data = _profile(name="Smallsteps", sector="VSE", membership_type="convenant")
    response = client.post(f"/partners/{partner.id}/profiel", data=data)
    assert response.status_code == 422
    assert "Er is al een organisatie met deze naam." in response.get_data(as_text=True)
    assert Organisation.get_by_id(partner.id).name == "SPL"


def test_a_museum_is_not_asked_for_pupils_and_a_school_counts_leerlingen(
    client, login, make_user, make_organisation
):
    museum = make_organisation(name="Museum Boerhaave", sector="cultuur", pupil_count=None)
    login(make_user(organisation=museum))
    for path in (f"/partners/{museum.id}/profiel", f"/partners/{museum.id}"):
        page = client.get(path).get_data(as_text=True)
        assert "leerlingen" not in page.lower() and "pupil_count" not in page
    data = {"municipality": "Leiden", "website": "", "profile": "Nieuw."}
    response = client.post(f"/partners/{museum.id}/profiel", data=data)
    assert response.status_code == 303
    saved = Organisation.get_by_id(museum.id)
    assert saved.profile == "Nieuw." and saved.pupil_count is None
    school = make_organisation(name="Da Vinci College", sector="VO")
    login(make_user(organisation=school))
    page = client.get(f"/partners/{school.id}/profiel").get_data(as_text=True)
    assert ">Aantal leerlingen</label>" in page and "kindplaatsen" not in page
