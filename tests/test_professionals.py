"""Professionals of partners and vrienden: their own account (confirmed address, linked to
the organisation), networks, newsletters; removed by their contactpersoon; the
projectleider's overview."""

import re

import pytest

from intranet.models import OutboxMessage, Professional, User
from intranet.network.models import NetworkMember
from intranet.professionals.models import NewsletterSubscription

CONFIRM = re.compile(r"http://localhost(/bevestigen/\S+)")


def _sign_up(client, organisation, email="juf.anna@regenboog.example.org", **extra):
    data = {
        "name": "Anna Jansen",
        "email": email,
        "organisation": str(organisation.id),
        "password": "een lang wachtwoord",
        "confirm": "een lang wachtwoord",
        "consent": "y",
        **extra,
    }
    return client.post("/professionals/account-maken", data=data)


def _confirm(client, email):
    body = OutboxMessage.get(OutboxMessage.to == email).body
    password = "een lang wachtwoord"  # outside the account's session the link's holder chooses it
    return client.post(
        CONFIRM.search(body).group(1), data={"password": password, "confirm": password}
    )


def test_a_professional_signs_up_confirms_and_joins_a_network(client, school, network):
    response = _sign_up(client, school)
    assert response.status_code == 303 and response.location.endswith("/kijk-in-uw-email")
    anna = User.by_email("juf.anna@regenboog.example.org")
    assert not anna.confirmed and anna.roles == set()
    assert Professional.get(Professional.user == anna.id).organisation_id == school.id
    assert NewsletterSubscription.werkvelden_of(anna) == {"PO"}
    assert client.post(f"/netwerken/{network.id}/aansluiten").status_code == 302  # log in first
    _confirm(client, anna.email)
    login = {"email": anna.email, "password": "een lang wachtwoord"}
    assert client.post("/inloggen", data=login).status_code == 302
    assert "professional" in User.load(anna.id).roles
    assert client.post(f"/netwerken/{network.id}/aansluiten").status_code == 303
    assert NetworkMember.select().where(NetworkMember.user == anna.id).count() == 1


def test_signing_up_with_a_known_address_changes_nothing_and_tells_its_owner(
    client, school, make_user
):
    owner = make_user(email="bekend@example.org")
    response = _sign_up(client, school, email="bekend@example.org")
    assert response.status_code == 303 and response.location.endswith("/kijk-in-uw-email")
    assert Professional.select().count() == 0
    assert User.by_email("bekend@example.org").password_hash == owner.password_hash
    assert OutboxMessage.get().subject == "Er is al een account"


@pytest.mark.parametrize(
    "field, value",
    [("name", "<img src=x>"), ("consent", ""), ("confirm", "iets anders"), ("password", "kort")],
)
def test_bad_sign_ups_are_refused_and_change_nothing(client, school, field, value):
    assert _sign_up(client, school, **{field: value}).status_code == 422
    assert User.select().count() == 0 and OutboxMessage.select().count() == 0


def test_only_partners_and_vrienden_take_professionals(client, make_organisation):
    applicant = make_organisation(status="aspirant-partner")
    assert _sign_up(client, applicant).status_code == 422
    assert User.select().count() == 0


def test_the_contactpersoon_sees_and_removes_a_professional(
    client, login, school, network, make_user, make_organisation
):
    contact = make_user(organisation=school)
    anna = make_user(name="Anna Jansen")
    Professional.create(user=anna, organisation=school)
    NetworkMember.create(network=network, user=anna)
    login(contact)
    page = client.get(f"/organisaties/{school.id}/professionals").get_data(as_text=True)
    assert "Anna Jansen" in page
    url = f"/organisaties/{school.id}/professionals/{anna.id}/verwijderen"
    assert client.post(url).status_code == 303
    assert Professional.select().count() == 0 and NetworkMember.select().count() == 0
    assert client.post(url).status_code == 409  # already handled


def test_another_organisation_may_not_see_or_remove_professionals(
    client, login, school, make_user, make_organisation
):
    elsewhere = make_user(organisation=make_organisation())
    anna = make_user()
    Professional.create(user=anna, organisation=school)
    login(elsewhere)
    assert client.get(f"/organisaties/{school.id}/professionals").status_code == 403
    url = f"/organisaties/{school.id}/professionals/{anna.id}/verwijderen"
    assert client.post(url).status_code == 403
    assert Professional.select().count() == 1
    assert client.get("/organisaties/999999/professionals").status_code == 404


def test_a_professional_chooses_newsletters(client, login, school, make_user):
    anna = make_user()
    Professional.create(user=anna, organisation=school)
    login(anna)
    response = client.post("/mijn-profiel", data={"werkvelden": ["PO", "VO"]})
    assert response.status_code == 303
    assert NewsletterSubscription.werkvelden_of(anna) == {"PO", "VO"}
    assert client.post("/mijn-profiel", data={"werkvelden": ["XX"]}).status_code == 422
    assert NewsletterSubscription.werkvelden_of(anna) == {"PO", "VO"}


def test_the_projectleider_sees_everyone_per_organisation_and_network(
    client, login, school, network, make_user
):
    anna = make_user(name="Anna Jansen")
    Professional.create(user=anna, organisation=school)
    NetworkMember.create(network=network, user=anna)
    login(make_user("projectleider"))
    page = client.get("/professionals").get_data(as_text=True)
    assert page.count("Anna Jansen") == 2 and "Basisschool De Regenboog" in page
    assert "Duurzaamheid" in page
