"""The form asks only what the chosen route needs, required means required, and the last
step shows every answer with 'Wijzigen' before the one submit."""

import pytest

from intranet.admission.models import Application, Referee
from tests.support.apply_support import (
    ACCOUNT,
    CONTACT,
    REFEREES,
    SUBMIT,
    errors,
    fill_in,
    heading,
    hidden,
    keep_answer,
    kept_answers,
    organisation,
    post_step,
)
from tests.support.decide import text

REVIEW = "Controleer en dien in"


def submitted(response):
    """The application a submitted form redirected to."""
    assert response.status_code == 303, (heading(response), errors(response))
    return Application.get_by_id(int(response.headers["Location"].rsplit("/", 1)[1]))


@pytest.mark.parametrize("route", ["basis", "uitgebreid"])
def test_a_membership_route_never_asks_for_pupils(client, route):
    page = fill_in(client, route, upto="route")
    assert heading(page).endswith("Organisatie")
    assert 'name="pupils"' not in text(page)
    assert "Laat leeg" not in text(page) and "zonder leerlingen" not in text(page)


@pytest.mark.parametrize(
    ("route", "label", "message"),
    [
        ("school", "Aantal leerlingen", "Vul het aantal leerlingen in"),
        ("vse", "Aantal kindplaatsen", "Vul het aantal kindplaatsen in"),
        ("schoolbestuur", "Aantal leerlingen van uw scholen", "leerlingen van uw scholen in"),
    ],
)
def test_a_route_that_pays_per_head_requires_the_count(client, route, label, message):
    page = fill_in(client, route, upto="route")
    assert f">{label}</label>" in text(page) and "bijdrage berekend" in text(page)
    refused = post_step(client, page, {**organisation(route), "pupils": ""})
    assert heading(refused).endswith("Organisatie")
    assert any(message in shown for shown in errors(refused)), errors(refused)


def test_profile_and_referees_are_steps_of_the_uitgebreid_route_only(client):
    basis = fill_in(client, "basis", upto="organisatie")
    assert heading(basis) == "Stap 3 van 4: Contactpersoon"
    uitgebreid = fill_in(client, "uitgebreid", upto="organisatie")
    assert heading(uitgebreid) == "Stap 3 van 6: Profiel"


def test_uitgebreid_without_referees_cannot_proceed(client):
    page = fill_in(client, "uitgebreid", upto="profiel")
    assert heading(page).endswith("Referenten")
    assert "Later invullen" not in text(page) and 'value="skip"' not in text(page)
    for go in ("next", "skip"):
        refused = post_step(client, page, {"referee1_name": "Half"}, go=go)
        assert heading(refused).endswith("Referenten")
        assert "Vul de naam van referent 2 in." in errors(refused)
    assert Application.select().count() == 0


def test_uitgebreid_without_a_profile_cannot_proceed(client):
    page = fill_in(client, "uitgebreid", upto="organisatie")
    refused = post_step(client, page, {"profile": ""})
    assert heading(refused).endswith("Profiel")
    assert any("profiel nodig" in message for message in errors(refused))


def test_no_step_offers_to_skip_and_optional_fields_say_so(client):
    pages = [fill_in(client, "uitgebreid", upto=step) for step in ("route", "profiel")]
    for page in pages:
        assert "Later invullen" not in text(page) and "Verplicht" not in text(page)
    assert "Website (optioneel)" in text(pages[0])
    assert "Organisatie (optioneel)" in text(pages[1]) and "Relatie (optioneel)" in text(pages[1])


def test_switching_from_school_to_basis_by_vorige_drops_the_count(client):
    school = organisation("school", municipality="Oegstgeest")
    contact = fill_in(client, "school", upto="organisatie", org=school)
    organisatie = post_step(client, contact, CONTACT, go="back")
    route = post_step(client, organisatie, school, go="back")
    assert heading(route).endswith("Route") and kept_answers()["pupils"] == "250"
    basis = post_step(client, route, {"route": "basis"})
    assert heading(basis).endswith("Organisatie")
    assert 'name="pupils"' not in text(basis)
    contact = post_step(client, basis, school)
    assert heading(contact).endswith("Contactpersoon"), errors(contact)
    review = post_step(client, contact, CONTACT)
    assert heading(review).endswith(REVIEW)
    assert "Aantal leerlingen" not in text(review) and ">250<" not in text(review)
    application = submitted(post_step(client, review, ACCOUNT, go=SUBMIT))
    assert (application.route, application.organisation.pupil_count) == ("basis", None)


def test_switching_from_uitgebreid_to_basis_drops_profile_and_referees(client):
    review = fill_in(client, "uitgebreid", upto="contactpersoon")
    route = post_step(client, review, {}, go="edit-route")
    basis = post_step(client, route, {"route": "basis"})
    assert 'name="pupils"' not in text(basis)
    organisatie_done = post_step(client, basis, organisation("uitgebreid"))
    assert heading(organisatie_done).endswith(REVIEW), errors(organisatie_done)
    assert "Referent" not in text(organisatie_done) and "Profiel" not in text(organisatie_done)
    assert not any(name.startswith("referee") for name, _ in hidden(organisatie_done))
    application = submitted(post_step(client, organisatie_done, ACCOUNT, go=SUBMIT))
    assert application.profile == "" and Referee.select().count() == 0


def test_the_last_step_lists_every_answer_per_step(client):
    review = fill_in(client, "uitgebreid", upto="contactpersoon")
    page = text(review)
    assert heading(review) == f"Stap 6 van 6: {REVIEW}"
    for shown in (
        "Stichting Denkwerk",
        "Uitgebreid lidmaatschap",
        "Leiden",
        "www.example.org",
        "Wij geven techniekles.",
        "Rosa Referent (rosa@museum.example.org), Museum, samenwerkingspartner",
        "Anna Aanvrager",
        "bert@aspirant.example.org",
    ):
        assert shown in page, shown
    for step in ("route", "organisatie", "profiel", "referenten", "contactpersoon"):
        assert f'name="go" value="edit-{step}"' in page
    assert page.count(">Aanmelding indienen</button>") == 2  # the visible one, and Enter's
    assert page.count('value="submit"') == 2 and 'value="save"' in page


def test_wijzigen_goes_back_with_every_answer_and_returns_to_the_summary(client):
    review = fill_in(client, "uitgebreid", upto="contactpersoon")
    organisatie = post_step(client, review, {}, go="edit-organisatie")
    assert heading(organisatie).endswith("Organisatie")
    assert 'value="Stichting Denkwerk"' in text(organisatie)
    assert kept_answers()["referee1_email"] == REFEREES["referee1_email"]
    changed = {**organisation("uitgebreid"), "name": "Stichting Denkwerk Leiden"}
    again = post_step(client, organisatie, changed)
    assert heading(again).endswith(REVIEW), errors(again)
    assert "Stichting Denkwerk Leiden" in text(again) and "Rosa Referent" in text(again)
    application = submitted(post_step(client, again, ACCOUNT, go=SUBMIT))
    assert application.organisation.name == "Stichting Denkwerk Leiden"
    assert application.state == "referenties"


def test_the_last_step_checks_every_step_again(client):
    review = fill_in(client, "basis", upto="contactpersoon")
    keep_answer("name", "")
    response = post_step(client, review, ACCOUNT, go=SUBMIT)
    assert heading(response).endswith("Organisatie")
    assert "Vul de naam van de organisatie in." in errors(response)
    assert Application.select().count() == 0
