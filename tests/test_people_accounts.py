"""The projectleider manages accounts on pages: invite, rename, change the address (confirmed
first), deactivate (sessions end at once) and reactivate; and the Leden page with its seats."""

import re
from datetime import timedelta

from intranet.clock import today
from intranet.models import Membership, OutboxMessage, User
from tests.conftest import PASSWORD


def link_in(to, path):
    """The link to `path` in the last e-mail to an address."""
    message = OutboxMessage.select().where(OutboxMessage.to == to).order_by(OutboxMessage.id.desc())
    return re.search(rf"http://localhost({path}\S+)", message.get().body).group(1)


def test_an_invited_person_chooses_a_password_and_is_logged_in(client, login, make_user):
    login(make_user("projectleider"))
    response = client.post("/leden/accounts", data={"name": "Fleur Dekker", "email": "Fleur@X.nl"})
    assert response.status_code == 303
    person = User.by_email("fleur@x.nl")
    assert person.name == "Fleur Dekker" and person.password_hash is None
    client.post("/uitloggen")
    link = link_in("fleur@x.nl", "/leden/uitnodiging/")
    done = client.post(
        link, data={"password": "een lang wachtwoord", "confirm": "een lang wachtwoord"}
    )
    assert done.status_code == 303 and client.get("/account/wachtwoord").status_code == 200
    again = client.get(link)
    assert again.status_code == 400 and "al gebruikt" in again.get_data(as_text=True)


def test_inviting_an_address_in_use_is_refused(client, login, make_user):
    login(make_user("projectleider"))
    taken = make_user()
    response = client.post("/leden/accounts", data={"name": "X", "email": taken.email})
    assert response.status_code == 422 and "al in gebruik" in response.get_data(as_text=True)


def test_rename_is_immediate(client, login, make_user):
    login(make_user("projectleider"))
    person = make_user()
    assert (
        client.post(f"/leden/accounts/{person.id}/naam", data={"name": "Nieuw"}).status_code == 303
    )
    assert User.get_by_id(person.id).name == "Nieuw"


def test_a_new_address_counts_only_once_confirmed(client, login, make_user):
    login(make_user("projectleider"))
    person = make_user()
    old = person.email
    response = client.post(f"/leden/accounts/{person.id}/adres", data={"email": "nieuw@x.nl"})
    assert response.status_code == 303 and User.get_by_id(person.id).email == old
    link = link_in("nieuw@x.nl", "/leden/adres/")
    assert client.get(link).status_code == 200  # a button: opening the link changes nothing
    assert User.get_by_id(person.id).email == old
    assert client.post(link).status_code == 302
    assert User.get_by_id(person.id).email == "nieuw@x.nl"
    assert client.post(link).status_code == 400


def test_a_new_address_taken_before_confirmation_is_refused(client, login, make_user):
    login(make_user("projectleider"))
    person = make_user()
    client.post(f"/leden/accounts/{person.id}/adres", data={"email": "nieuw@x.nl"})
    make_user(email="nieuw@x.nl")
    response = client.post(link_in("nieuw@x.nl", "/leden/adres/"))
    assert response.status_code == 409 and "al in gebruik" in response.get_data(as_text=True)


def test_a_deactivated_account_is_logged_out_at_once_and_cannot_log_in(app, login, make_user):
    leader, person = make_user("projectleider"), make_user("projectgroep")
    theirs = app.test_client()
    theirs.post("/inloggen", data={"email": person.email, "password": PASSWORD})
    assert theirs.get("/stemmen/").status_code == 200
    mine = app.test_client()
    mine.post("/inloggen", data={"email": leader.email, "password": PASSWORD})
    assert mine.post(f"/leden/accounts/{person.id}/deactiveren").status_code == 303
    assert theirs.get("/stemmen/").status_code == 302  # back to the login page
    refused = theirs.post("/inloggen", data={"email": person.email, "password": PASSWORD})
    assert "niet actief" in refused.get_data(as_text=True)
    assert mine.post(f"/leden/accounts/{person.id}/deactiveren").status_code == 409
    assert mine.post(f"/leden/accounts/{person.id}/activeren").status_code == 303
    assert (
        theirs.post("/inloggen", data={"email": person.email, "password": PASSWORD}).status_code
        == 302
    )


def test_the_voorzitter_cannot_be_deactivated_while_the_regiegroep_has_members(
    client, login, make_user
):
    login(make_user("projectleider"))
    chair = make_user("regiegroep", voorzitter=True)
    make_user("regiegroep")
    response = client.post(f"/leden/accounts/{chair.id}/deactiveren")
    assert response.status_code == 409 and "andere voorzitter" in response.get_data(as_text=True)


def test_leden_page_adds_and_ends_seats(client, login, make_user):
    login(make_user("projectleider"))
    person = make_user()
    start, end = today(), today() + timedelta(days=1460)
    data = {
        "person": person.id,
        "group": "projectgroep",
        "werkveld": "VSE",
        "hoofdthema": "motivatie",
        "starts_on": start.isoformat(),
        "ends_on": end.isoformat(),
    }
    assert client.post("/leden/zetels", data=data).status_code == 303
    page = client.get("/leden/").get_data(as_text=True)
    assert person.name in page and "Motivatie als motor van talentontwikkeling" in page
    seat = Membership.get(Membership.user == person.id)
    ended = client.post(f"/leden/zetels/{seat.id}/beeindigen", data={"ends_on": start.isoformat()})
    assert ended.status_code == 303 and not User.in_group("projectgroep").exists()
    twice = client.post(f"/leden/zetels/{seat.id}/beeindigen", data={"ends_on": start.isoformat()})
    assert twice.status_code == 409 and "al beëindigd" in twice.get_data(as_text=True)


def test_a_seat_for_an_unknown_account_asks_to_choose_from_the_list(client, login, make_user):
    login(make_user("projectleider"))
    data = {"person": "999999", "group": "regiegroep", "starts_on": "2026-01-01"}
    data["ends_on"] = "2030-01-01"
    response = client.post("/leden/zetels", data=data)
    page = response.get_data(as_text=True)
    assert response.status_code == 422 and 'id="person-error"' in page
    assert "Kies een persoon uit de lijst" in page
    assert not Membership.select().where(Membership.group == "regiegroep").exists()


def test_members_read_the_leden_page_but_do_not_manage(client, login, make_user):
    member = make_user("projectgroep")
    login(member)
    page = client.get("/leden/").get_data(as_text=True)
    assert member.name in page and "Zetel toevoegen" not in page
    assert client.post("/leden/zetels", data={}).status_code == 403
    assert client.get("/leden/accounts").status_code == 403


def test_a_later_address_request_voids_the_earlier_link(client, login, make_user):
    login(make_user("projectleider"))
    person = make_user()
    client.post(f"/leden/accounts/{person.id}/adres", data={"email": "eerste@x.nl"})
    first = link_in("eerste@x.nl", "/leden/adres/")
    client.post(f"/leden/accounts/{person.id}/adres", data={"email": "tweede@x.nl"})
    response = client.post(first)
    assert response.status_code == 400 and "geldt niet meer" in response.get_data(as_text=True)
    assert User.get_by_id(person.id).email == person.email
    assert client.post(link_in("tweede@x.nl", "/leden/adres/")).status_code == 302
    assert User.get_by_id(person.id).email == "tweede@x.nl"
