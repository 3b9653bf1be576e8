"""Admission as an attacker tries it: claiming an organisation, reading internal notes,
planting a link in a profile."""

import pytest

from intranet.admission.models import Application
from intranet.models import Contact, Organisation
from tests.support.apply_support import errors as field_errors
from tests.support.apply_support import fill_in, organisation
from tests.support.decide import nominate, text, vote
from tests.support.factories import Case


def _saved_application(response):
    assert response.status_code == 303, text(response)
    return Application.get_by_id(int(response.headers["Location"].rsplit("/", 1)[1]))


@pytest.mark.parametrize("typed", ["Museum Boerhaave", "  museum   BOERHAAVE "])
def test_an_application_never_changes_an_existing_organisation(
    client, make_user, make_organisation, typed
):
    museum = make_organisation(
        name="Museum Boerhaave", status="oud_partner", website="https://boerhaave.nl"
    )
    old_contact = make_user(organisation=museum)
    answers = organisation("basis", name=typed, website="https://evil.example")
    application = _saved_application(fill_in(client, "basis", org=answers))
    museum = Organisation.get_by_id(museum.id)
    assert (museum.name, museum.website, museum.status) == (
        "Museum Boerhaave",
        "https://boerhaave.nl",
        "oud_partner",
    )
    assert application.organisation_id != museum.id
    assert [c.user_id for c in Contact.select().where(Contact.organisation == museum.id)] == [
        old_contact.id
    ]


def test_the_projectleider_sees_the_likely_match_and_decides(
    client, make_user, make_organisation, login
):
    museum = make_organisation(name="Museum Boerhaave", status="oud_partner")
    answers = organisation("basis", name="museum boerhaave")
    application = _saved_application(fill_in(client, "basis", org=answers))  # and submitted
    client.post("/uitloggen")
    login(make_user("projectleider"))
    page = text(client.get(f"/aanmeldingen/{application.id}"))
    assert "Mogelijk is het dezelfde als" in page and f"/partners/{museum.id}" in page
    own = application.organisation_id
    stranger = make_organisation(name="Iets Heel Anders")
    refused = client.post(f"/aanmeldingen/{application.id}/koppelen/{stranger.id}")
    assert refused.status_code == 422
    linked = client.post(f"/aanmeldingen/{application.id}/koppelen/{museum.id}")
    assert linked.status_code == 303
    assert Application.get_by_id(application.id).organisation_id == museum.id
    assert Organisation.get_or_none(Organisation.id == own) is None
    assert "Aanmelding gekoppeld aan Museum Boerhaave" in text(
        client.get(f"/aanmeldingen/{application.id}")
    )


def test_the_escalation_reason_is_never_shown_to_the_applicant(client, make_user, login):
    applicant, leader = make_user(), make_user("projectleider")
    case = Case(applicant).escalated(leader, reason="Interne twijfel over de directeur.").get()
    login(applicant)
    for path in (f"/aanmelding/{case.id}", f"/zaak/toetreding/{case.id}/tijdlijn"):
        page = client.get(path)
        assert page.status_code == 200
        assert "Interne twijfel" not in text(page)
    client.post("/uitloggen")
    login(leader)
    assert "Interne twijfel" in text(client.get(f"/aanmelding/{case.id}"))


@pytest.mark.parametrize(
    "website",
    ["javascript:alert(document.domain)//x.y://", "data:text/html,x.y", "ftp://x.example.org"],
)
def test_the_apply_form_takes_only_web_addresses(client, website):
    page = fill_in(client, "basis", org=organisation("basis", website=website), upto="organisatie")
    assert "Dit is geen geldig webadres" in " ".join(field_errors(page))
    assert Organisation.select().count() == 0


def test_the_directory_links_only_web_addresses(client, make_organisation):
    make_organisation(name="Vreemd", website="javascript:alert(1)//x.y://")
    make_organisation(name="Gewoon", website="https://gewoon.example.org")
    page = text(client.get("/partners/"))
    assert 'href="javascript:' not in page
    assert 'href="https://gewoon.example.org"' in page


def test_votes_are_on_the_deciders_timeline_only(client, make_user, login):
    applicant, leader = make_user(), make_user("projectleider")
    members = [make_user("projectgroep") for _ in range(3)]
    case = Case(applicant).with_leader().get()
    nominate(client, login, leader, case)
    vote(client, login, members[0], case, "voor", "Goed plan.")
    client.post("/uitloggen")
    login(applicant)
    page = text(client.get(f"/aanmelding/{case.id}"))
    assert "stem uitgebracht" not in page and members[0].name not in page
    client.post("/uitloggen")
    login(leader)
    assert "stem uitgebracht" in text(client.get(f"/aanmelding/{case.id}"))
