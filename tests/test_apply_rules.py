"""Every rule of the form, by plain submit and by htmx as a field is left: a Dutch message
beside the field, the typed value kept, nothing saved."""

import pytest

from intranet.admission.models import Application
from intranet.models import Organisation, User
from tests.support import factories
from tests.support.apply_support import (
    CONTACT,
    REFEREES,
    SUBMIT,
    errors,
    fill_in,
    heading,
    organisation,
    post_step,
)
from tests.support.decide import text


def _partner(make_organisation, make_user):
    make_organisation(name="De Zeester Oegstgeest", status="partner")


def _applying(make_organisation, make_user):
    factories.Case(make_user(), route="school", name="De Zeester Oegstgeest").get()


CASES = [
    # (route, step, answers, message, typed value that stays, setup)
    ("basis", "organisatie", organisation("basis", municipality="Katwijk"), "niet in Katwijk",
     'value="Katwijk"', None),
    ("schoolbestuur", "organisatie", organisation("schoolbestuur", municipality="Leiderdorp"),
     "niet in Leiderdorp", 'value="Leiderdorp"', None),
    ("school", "organisatie", organisation("school", municipality="Den Haag"), "niet in Den Haag",
     'value="Den Haag"', None),
    ("school", "organisatie", organisation("school", municipality="Katwijk"),
     "buiten de gemeente Leiden, niet in Katwijk", 'value="Katwijk"', None),
    ("school", "organisatie", organisation("school", municipality="Leiden"),
     "alle Leidse schoolbesturen zijn partner", 'value="Leiden"', None),
    ("vse", "organisatie", organisation("vse", municipality="Lisse"), "niet in Lisse",
     'value="Lisse"', None),
    ("schoolbestuur", "organisatie", organisation("schoolbestuur", pupils=""),
     "leerlingen van uw scholen in", 'value="Stichting Leids Onderwijs"', None),
    ("school", "organisatie", organisation("school", pupils=""), "aantal leerlingen in",
     'value="De Zeester Oegstgeest"', None),
    ("vse", "organisatie", organisation("vse", pupils=""), "aantal kindplaatsen in",
     'value="Peuterspeelzaal Het Duin"', None),
    ("school", "organisatie", organisation("school", pupils="veel"), "heel getal",
     'value="veel"', None),
    ("school", "organisatie", organisation("school"), "al partner", 'value="De Zeester Oegstgeest"',
     _partner),
    ("school", "organisatie", organisation("school"), "loopt al een aanmelding",
     'value="De Zeester Oegstgeest"', _applying),
    ("basis", "organisatie", organisation("basis", name=""), "Vul de naam van de organisatie in.",
     'value="Zoeterwoude"', None),
    ("basis", "organisatie", organisation("basis", website="geen adres"), "webadres",
     'value="geen adres"', None),
    ("uitgebreid", "profiel", {"profile": "  "}, "profiel nodig", "Stap 3 van 6", None),
    ("uitgebreid", "referenten", {**REFEREES, "referee2_email": REFEREES["referee1_email"]},
     "verschillende referenten", 'value="Ruud Referent"', None),
    ("uitgebreid", "referenten", {**REFEREES, "referee1_email": "rosa-at-museum"},
     "geen geldig e-mailadres", 'value="rosa-at-museum"', None),
    ("uitgebreid", "contactpersoon", {**CONTACT, "contact_email": REFEREES["referee2_email"]},
     "ook als referent opgegeven", 'value="Anna Aanvrager"', None),
    ("uitgebreid", "contactpersoon", {**CONTACT, "backup_email": REFEREES["referee1_email"]},
     "ook als referent opgegeven", 'value="Bert Achtervang"', None),
    ("basis", "contactpersoon", {**CONTACT, "backup_email": CONTACT["contact_email"]},
     "iemand anders", 'value="Bert Achtervang"', None),
    ("basis", "controle", {"password": "kort"}, "minstens 10 tekens",
     "Anna Aanvrager", None),
    ("basis", "controle", {"password": ""}, "Kies een wachtwoord.", "Anna Aanvrager", None),
]  # fmt: skip
PREVIOUS = {
    "organisatie": "route",
    "profiel": "organisatie",
    "referenten": "profiel",
    "controle": "contactpersoon",
}
TITLES = {"controle": "Controleer en dien in"}


@pytest.mark.parametrize(
    ("route", "step", "answers", "message", "kept", "setup"),
    CASES,
    ids=[f"{c[0]}-{c[1]}-{c[3]}" for c in CASES],
)
def test_bad_answer_is_refused_beside_its_field_and_kept(
    client, make_organisation, make_user, route, step, answers, message, kept, setup
):
    if setup:
        setup(make_organisation, make_user)
    organisations, users = Organisation.select().count(), User.select().count()
    previous = PREVIOUS.get(step, "referenten" if route == "uitgebreid" else "organisatie")
    page = post_step(
        client,
        fill_in(client, route, upto=previous),
        answers,
        go=SUBMIT if step == "controle" else "next",
    )
    assert heading(page).endswith(TITLES.get(step, step.capitalize()))
    assert any(message in shown for shown in errors(page)), errors(page)
    assert kept in text(page)
    assert "Controleer het formulier" in text(page)
    assert Application.select().count() == 0 or setup is _applying
    assert (Organisation.select().count(), User.select().count()) == (organisations, users)


def test_a_route_must_be_chosen(client):
    page = post_step(client, client.get("/aanmelden"), {})
    assert heading(page).endswith("Route") and "Kies een van de routes." in errors(page)


def check(client, field, **data):
    """Leave a field: the htmx request the form sends."""
    return client.post(f"/aanmelden/controleer/{field}", data=data, headers={"HX-Request": "true"})


def test_leaving_a_field_returns_that_field_with_its_dutch_message(client):
    response = check(client, "municipality", route="school", municipality="Den Haag")
    body = text(response)
    assert response.status_code == 200 and "<html" not in body
    assert body.strip().startswith('<div class="field" id="municipality-field">')
    assert 'value="Den Haag"' in body and 'aria-invalid="true"' in body
    assert "niet in Den Haag" in body
    assert 'hx-post="/aanmelden/controleer/municipality"' in body  # checks again when left


def test_leaving_a_good_field_clears_its_message(client):
    body = text(check(client, "municipality", route="school", municipality="oegstgeest"))
    assert 'class="error"' not in body and 'value="oegstgeest"' in body


def test_every_field_of_a_step_is_checked_when_left(client):
    page = fill_in(client, "school", upto="route")
    for field in ("name", "sector", "municipality", "pupils", "website"):
        assert f'hx-post="/aanmelden/controleer/{field}"' in text(page)
    assert text(page).count('hx-trigger="change delay:400ms"') == 5


@pytest.mark.parametrize(
    ("field", "data", "message"),
    [
        ("name", {"name": "naturalis"}, "al partner"),
        ("pupils", {"route": "vse", "pupils": ""}, "kindplaatsen"),
        ("pupils", {"route": "schoolbestuur", "pupils": ""}, "leerlingen van uw scholen"),
        ("profile", {"route": "uitgebreid", "profile": ""}, "profiel nodig"),
        ("referee2_email", {"referee1_email": "a@x.nl", "referee2_email": "A@x.nl"}, "versch"),
        ("backup_email", {"contact_email": "a@x.nl", "backup_email": "a@x.nl"}, "iemand anders"),
        ("contact_email", {"contact_email": "bestaat@example.org"}, "al een account"),
        ("contact_email", {"contact_email": "geen-adres"}, "geen geldig e-mailadres"),
    ],
)  # fmt: skip
def test_htmx_check_applies_each_rule(client, make_organisation, make_user, field, data, message):
    make_organisation(name="Naturalis")
    make_user(email="bestaat@example.org")
    body = text(check(client, field, **data))
    assert f'id="{field}-field"' in body and message in body


def test_password_unknown_fields_and_fields_of_other_routes_are_not_checked_by_htmx(client):
    assert check(client, "password", password="x").status_code == 404
    assert check(client, "bestaat_niet").status_code == 404
    assert check(client, "pupils", route="basis", pupils="80").status_code == 404


def test_checking_someone_elses_draft_is_forbidden(client, make_user, login):
    case = factories.Case(make_user(), route="basis").get()
    login(make_user())
    response = client.post(
        f"/aanmelden/controleer/name?case_id={case.id}", headers={"HX-Request": "true"}
    )
    assert response.status_code == 403


def test_checking_a_draft_allows_its_own_name(client, make_user, login):
    user = make_user()
    case = factories.Case(user, route="basis", name="Eigen Naam").get()
    login(user)
    response = client.post(
        f"/aanmelden/controleer/name?case_id={case.id}",
        data={"name": "eigen naam"},
        headers={"HX-Request": "true"},
    )
    assert 'class="error"' not in text(response)
