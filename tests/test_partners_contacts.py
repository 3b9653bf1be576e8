"""Contactpersonen: who may manage them, invitations, the achtervang, the last one stays."""

import contextlib
import re
import threading

import pytest

from intranet.db import db
from intranet.models import Contact, OutboxMessage, User
from intranet.partners import contacts
from intranet.refusals import Refused
from tests.conftest import PASSWORD


@pytest.fixture
def partner(make_organisation):
    """A partner organisation."""
    return make_organisation(name="Museum Boerhaave")


@pytest.fixture
def contact(partner, make_user, login):
    """The partner's only contactpersoon, logged in."""
    user = make_user(organisation=partner)
    login(user)
    return Contact.get(Contact.user == user)


def kinds(organisation):
    """{name: kind} of an organisation's contacts."""
    return {c.user.name: c.kind for c in Contact.of_organisation(organisation)}


def test_removing_the_last_contactpersoon_is_refused(client, partner, contact):
    response = client.post(f"/partners/{partner.id}/contactpersonen/{contact.id}/verwijderen")
    assert response.status_code == 422
    assert "moet minstens één contactpersoon houden" in response.get_data(as_text=True)
    assert Contact.select().where(Contact.organisation == partner.id).count() == 1


def test_the_only_contactpersoon_is_not_offered_what_would_be_refused(
    client, partner, contact, make_user
):
    page = client.get(f"/partners/{partner.id}").get_data(as_text=True)
    mine = f"/contactpersonen/{contact.id}/"
    assert mine + "verwijderen" not in page and mine + "achtervang" not in page
    assert "Enige contactpersoon: verwijderen kan pas als er een tweede is" in page
    backup = Contact.get(Contact.user == make_user(organisation=partner, kind="achtervang"))
    page = client.get(f"/partners/{partner.id}").get_data(as_text=True)
    assert mine + "verwijderen" not in page and mine + "achtervang" in page  # a swap
    assert f"/contactpersonen/{backup.id}/verwijderen" in page
    colleague = Contact.get(Contact.user == make_user(organisation=partner))
    page = client.get(f"/partners/{partner.id}").get_data(as_text=True)
    assert mine + "verwijderen" in page and f"/contactpersonen/{colleague.id}/verwijderen" in page
    assert "Enige contactpersoon" not in page


def test_the_last_contactpersoon_stays_even_with_an_achtervang(client, partner, contact, make_user):
    make_user(organisation=partner, kind="achtervang")
    response = client.post(
        f"/partners/{partner.id}/contactpersonen/{contact.id}/verwijderen",
        headers={"HX-Request": "true"},
    )
    fragment = response.get_data(as_text=True)
    assert response.status_code == 422 and 'id="contactpersonen"' in fragment
    assert "maak de achtervang contactpersoon" in fragment
    assert len(kinds(partner)) == 2


def test_a_contactpersoon_removes_a_colleague(client, partner, contact, make_user):
    colleague = make_user(organisation=partner)
    other = Contact.get(Contact.user == colleague)
    response = client.post(
        f"/partners/{partner.id}/contactpersonen/{other.id}/verwijderen",
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert f"{colleague.name} is verwijderd." in response.get_data(as_text=True)
    assert list(kinds(partner)) == [contact.user.name]


def test_removing_someone_twice_says_it_was_already_done(client, partner, contact, make_user):
    other = Contact.get(Contact.user == make_user(organisation=partner))
    url = f"/partners/{partner.id}/contactpersonen/{other.id}/verwijderen"
    assert client.post(url).status_code == 303
    response = client.post(url)
    assert response.status_code == 409
    assert "al geen contactpersoon meer" in response.get_data(as_text=True)


def test_removing_yourself_leaves_the_page(client, partner, contact, make_user):
    make_user(organisation=partner)
    response = client.post(
        f"/partners/{partner.id}/contactpersonen/{contact.id}/verwijderen",
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 204 and response.headers["HX-Redirect"] == "/"
    assert client.get(f"/partners/{partner.id}").status_code == 403


def test_making_someone_achtervang_replaces_the_earlier_one(client, partner, contact, make_user):
    backup = make_user(organisation=partner, kind="achtervang")
    colleague = make_user(organisation=partner)
    target = Contact.get(Contact.user == colleague)
    response = client.post(f"/partners/{partner.id}/contactpersonen/{target.id}/achtervang")
    assert response.status_code == 303
    assert kinds(partner) == {
        contact.user.name: "primary",
        backup.name: "primary",
        colleague.name: "achtervang",
    }


def test_the_only_contactpersoon_swaps_with_the_achtervang(client, partner, contact, make_user):
    backup = make_user(organisation=partner, kind="achtervang")
    client.post(f"/partners/{partner.id}/contactpersonen/{contact.id}/achtervang")
    assert kinds(partner) == {contact.user.name: "achtervang", backup.name: "primary"}


def test_the_only_contactpersoon_cannot_become_achtervang_alone(client, partner, contact):
    response = client.post(f"/partners/{partner.id}/contactpersonen/{contact.id}/achtervang")
    assert response.status_code == 422
    assert "kan daarom geen achtervang worden" in response.get_data(as_text=True)
    assert kinds(partner) == {contact.user.name: "primary"}


def test_achtervang_becomes_contactpersoon_and_the_partner_is_flagged(
    client, partner, contact, make_user
):
    backup = Contact.get(Contact.user == make_user(organisation=partner, kind="achtervang"))
    page = client.get(f"/partners/{partner.id}").get_data(as_text=True)
    assert "geen achtervang" not in page
    client.post(f"/partners/{partner.id}/contactpersonen/{backup.id}/contactpersoon")
    page = client.get(f"/partners/{partner.id}").get_data(as_text=True)
    assert "Deze partner heeft geen achtervang" in page


def _link(message):
    return re.search(r"http://localhost(/\S+)", message.body).group(1)


def test_inviting_a_new_colleague_makes_an_account_and_mails_a_link(app, client, partner, contact):
    response = client.post(
        f"/partners/{partner.id}/contactpersonen",
        data={"name": "Nieuwe Collega", "email": "Nieuw@Example.org", "kind": "achtervang"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert "Nieuwe Collega is toegevoegd als achtervang" in response.get_data(as_text=True)
    user = User.by_email("nieuw@example.org")
    assert user.password_hash is None and kinds(partner)["Nieuwe Collega"] == "achtervang"
    message = OutboxMessage.get(OutboxMessage.to == "nieuw@example.org")
    assert message.subject == "Uitnodiging: achtervang van Museum Boerhaave"
    assert "14 dagen" in message.body and "contactpersoon van" not in message.body

    invited = app.test_client()
    link = _link(message)
    assert "Welkom, Nieuwe Collega" in invited.get(link).get_data(as_text=True)
    response = invited.post(
        link, data={"password": "een goed wachtwoord", "confirm": "een goed wachtwoord"}
    )
    assert response.status_code == 303 and response.headers["Location"] == "/partners/mijn"
    assert "Museum Boerhaave" in invited.get("/partners/mijn", follow_redirects=True).get_data(
        as_text=True
    )
    assert User.get_by_id(user.id).email_confirmed_at is not None
    again = invited.post(
        link, data={"password": "nog een wachtwoord", "confirm": "nog een wachtwoord"}
    )
    assert again.status_code == 400 and "al gebruikt" in again.get_data(as_text=True)


def test_inviting_someone_with_an_account_adds_them_and_tells_them(
    client, partner, contact, make_user
):
    existing = make_user(email="bekend@example.org")
    client.post(
        f"/partners/{partner.id}/contactpersonen",
        data={"name": "Wat Dan Ook", "email": "bekend@example.org", "kind": "primary"},
    )
    assert kinds(partner)[existing.name] == "primary"
    message = OutboxMessage.get(OutboxMessage.to == "bekend@example.org")
    assert "bestaande account" in message.body and f"/partners/{partner.id}" in message.body
    assert User.select().where(User.email == "bekend@example.org").count() == 1


def test_inviting_a_current_contact_again_is_an_error_at_the_field(client, partner, contact):
    response = client.post(
        f"/partners/{partner.id}/contactpersonen",
        data={"name": "Dubbel", "email": contact.user.email, "kind": "primary"},
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert f"{contact.user.name} is al contactpersoon van Museum Boerhaave" in page
    assert 'id="email-error"' in page


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"name": "", "email": "a@example.org"}, "Vul de naam van uw collega in."),
        ({"name": "X", "email": "geen-adres"}, "Dit is geen geldig e-mailadres."),
        ({"name": "X", "email": ""}, "Vul het e-mailadres van uw collega in."),
    ],
)
def test_invitation_form_errors_are_dutch_and_change_nothing(
    client, partner, contact, data, message
):
    response = client.post(
        f"/partners/{partner.id}/contactpersonen", data={**data, "kind": "primary"}
    )
    assert response.status_code == 422 and message in response.get_data(as_text=True)
    assert len(kinds(partner)) == 1 and OutboxMessage.select().count() == 0


def test_a_contactpersoon_manages_only_their_own_organisation(
    client, partner, contact, make_organisation, make_user
):
    other = make_organisation(name="Naturalis")
    stranger = Contact.get(Contact.user == make_user(organisation=other))
    assert client.get(f"/partners/{other.id}").status_code == 403
    assert client.get(f"/partners/{other.id}/profiel").status_code == 403
    assert (
        client.post(f"/partners/{other.id}/profiel", data={"municipality": "X"}).status_code == 403
    )
    url = f"/partners/{other.id}/contactpersonen/{stranger.id}/verwijderen"
    assert client.post(url).status_code == 403
    invite = {"name": "X", "email": "x@example.org", "kind": "primary"}
    assert client.post(f"/partners/{other.id}/contactpersonen", data=invite).status_code == 403
    assert Contact.get_or_none(Contact.id == stranger.id) is not None


def test_a_contact_of_another_organisation_cannot_be_changed_through_mine(
    client, partner, contact, make_organisation, make_user
):
    other = make_organisation(name="Naturalis")
    stranger = Contact.get(Contact.user == make_user(organisation=other))
    url = f"/partners/{partner.id}/contactpersonen/{stranger.id}/verwijderen"
    assert client.post(url).status_code == 409
    assert Contact.get_or_none(Contact.id == stranger.id) is not None


def test_the_projectleider_manages_every_partner(client, partner, make_user, login):
    only = Contact.get(Contact.user == make_user(organisation=partner))
    login(make_user("projectleider"))
    assert client.get(f"/partners/{partner.id}").status_code == 200
    response = client.post(f"/partners/{partner.id}/contactpersonen/{only.id}/verwijderen")
    assert response.status_code == 422  # the rule holds for the projectleider too


def test_unknown_partner_is_not_found(client, contact):
    assert client.get("/partners/99999").status_code == 404


def test_a_broken_invitation_link_says_so(client):
    response = client.get("/partners/uitnodiging/kapot")
    assert response.status_code == 400 and "ongeldig" in response.get_data(as_text=True)


def test_mine_sends_a_contactpersoon_to_their_page_or_lets_them_choose(
    client, login, make_user, make_organisation
):
    first, second = make_organisation(name="Alfa"), make_organisation(name="Beta")
    user = make_user(organisation=first)
    login(user, password=PASSWORD)
    assert client.get("/partners/mijn").headers["Location"] == f"/partners/{first.id}"
    Contact.create(organisation=second, user=user)
    page = client.get("/partners/mijn").get_data(as_text=True)
    assert "Alfa" in page and "Beta" in page and "Kies er een" in page


def test_mine_without_an_organisation_is_refused(client, login, make_user):
    login(make_user())
    response = client.get("/partners/mijn")
    assert response.status_code == 403
    assert "geen enkele organisatie" in response.get_data(as_text=True)


def test_two_contactpersonen_removing_each_other_at_once_leave_one(
    app, partner, make_user, monkeypatch
):
    first = Contact.get(Contact.user == make_user(organisation=partner))
    second = Contact.get(Contact.user == make_user(organisation=partner))
    start, counted = threading.Barrier(2), threading.Barrier(2)
    count = contacts._primaries
    outcomes = []

    def count_then_wait_for_the_other(organisation):
        result = count(organisation)
        # Without the lock both would count two here, then both remove.
        with contextlib.suppress(threading.BrokenBarrierError):
            counted.wait(timeout=1)
        return result

    monkeypatch.setattr(contacts, "_primaries", count_then_wait_for_the_other)

    def remove(contact_id):
        with app.app_context():
            start.wait()
            try:
                contacts.remove(partner, contact_id)
                outcomes.append("removed")
            except Refused as error:
                outcomes.append(error.message)
            finally:
                db.close()

    threads = [threading.Thread(target=remove, args=(c.id,)) for c in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcomes.count("removed") == 1
    assert any("minstens één contactpersoon" in outcome for outcome in outcomes)
    assert Contact.select().where(Contact.organisation == partner.id).count() == 1
