"""Accounts: login, logout, throttling, password reset and role guards."""

import re
from datetime import timedelta

import pytest
from flask import Blueprint

from intranet import config, tokens
from intranet.models import LoginAttempt, OutboxMessage, User
from intranet.security import role_required
from tests.conftest import PASSWORD


def test_login_with_right_password_lands_logged_in(client, make_user):
    user = make_user()
    response = client.post("/inloggen", data={"email": user.email.upper(), "password": PASSWORD})
    assert response.status_code == 302
    assert "Uitloggen" in client.get("/", follow_redirects=True).get_data(as_text=True)


def test_wrong_password_gets_dutch_message_and_no_session(client, make_user):
    user = make_user()
    response = client.post("/inloggen", data={"email": user.email, "password": "fout"})
    assert response.status_code == 200
    assert "Onbekende combinatie van e-mailadres en wachtwoord" in response.get_data(as_text=True)
    assert "Uitloggen" not in client.get("/").get_data(as_text=True)


def test_inactive_account_cannot_log_in(client, make_user):
    user = make_user(active=False)
    response = client.post("/inloggen", data={"email": user.email, "password": PASSWORD})
    assert response.status_code == 200
    assert "niet actief" in response.get_data(as_text=True)


def test_repeated_failures_make_the_client_wait(client, make_user):
    user = make_user()
    for _ in range(5):
        client.post("/inloggen", data={"email": user.email, "password": "fout"})
    response = client.post("/inloggen", data={"email": user.email, "password": PASSWORD})
    assert response.status_code == 429
    assert "Te veel mislukte pogingen" in response.get_data(as_text=True)
    # client, account and address, counted in the database; the refused try is not kept
    assert LoginAttempt.select().count() == 15


def test_repeated_failures_from_one_address_throttle_unknown_clients(client, make_user):
    user = make_user()
    for number in range(20):
        client.post("/inloggen", data={"email": f"x{number}@example.org", "password": "fout"})
    response = client.post("/inloggen", data={"email": user.email, "password": PASSWORD})
    assert response.status_code == 429


def test_failures_elsewhere_do_not_throttle_another_address(client, make_user):
    user = make_user()
    for _ in range(5):
        client.post(
            "/inloggen",
            data={"email": user.email, "password": "fout"},
            environ_base={"REMOTE_ADDR": "10.1.1.1"},
        )
    response = client.post("/inloggen", data={"email": user.email, "password": PASSWORD})
    assert response.status_code == 302


def test_logout_ends_every_copy_of_the_session(app, client, make_user, login):
    user = make_user("projectleider")
    login(user)
    copy = app.test_client()
    copy.set_cookie("session", client.get_cookie("session").value)
    assert copy.get("/beheer/outbox").status_code == 200
    client.post("/uitloggen")
    assert copy.get("/beheer/outbox").status_code == 302  # the old cookie no longer works


def test_remember_me_sets_a_lasting_httponly_cookie(client, make_user, login):
    login(make_user(), remember=True)
    cookie = client.get_cookie("remember_token")
    assert cookie is not None and cookie.http_only


def test_login_redirect_never_leaves_the_site(client, make_user):
    user = make_user()
    response = client.post(
        "/inloggen?next=//evil.example.com/", data={"email": user.email, "password": PASSWORD}
    )
    assert response.headers["Location"] == "/"


def test_password_reset_link_sets_new_password_once(client, make_user):
    user = make_user()
    client.post("/wachtwoord-vergeten", data={"email": user.email})
    body = OutboxMessage.get().body
    link = re.search(r"http://localhost(/wachtwoord-herstellen/\S+)", body).group(1)
    new = {"password": "nieuw wachtwoord 1", "confirm": "nieuw wachtwoord 1"}
    assert client.post(link, data=new).status_code == 302
    assert (
        client.post(
            "/inloggen", data={"email": user.email, "password": new["password"]}
        ).status_code
        == 302
    )
    again = client.post(link, data=new)
    assert again.status_code == 400 and "al gebruikt" in again.get_data(as_text=True)


def test_password_reset_for_unknown_address_reveals_nothing(client):
    response = client.post(
        "/wachtwoord-vergeten", data={"email": "nobody@example.org"}, follow_redirects=True
    )
    assert "Als dit adres bij ons bekend is" in response.get_data(as_text=True)
    assert OutboxMessage.select().count() == 0


@pytest.mark.parametrize(
    "mangle, message",
    [(lambda t: t[:-3] + "abc", "ongeldig"), (lambda t: "x" + t, "ongeldig")],
)
def test_tampered_reset_link_says_so(client, make_user, mangle, message):
    token = tokens.make("password-reset", make_user().id)
    response = client.get(f"/wachtwoord-herstellen/{mangle(token)}")
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)


def test_expired_reset_link_says_so(app, client, make_user):
    token = tokens.make("password-reset", make_user().id)
    app.config["PASSWORD_RESET_MAX_AGE"] = timedelta(seconds=-1)
    response = client.get(f"/wachtwoord-herstellen/{token}")
    assert "verlopen" in response.get_data(as_text=True)


def test_confirmation_link_cannot_reset_a_password(client, make_user):
    token = tokens.make("email-confirm", make_user().id)
    response = client.get(f"/wachtwoord-herstellen/{token}")
    assert response.status_code == 400


def test_password_change_ends_other_sessions(app, client, make_user, login):
    user = make_user()
    login(user)
    other = app.test_client()
    other.post("/inloggen", data={"email": user.email, "password": PASSWORD})
    response = client.post(
        "/account/wachtwoord",
        data={
            "current": PASSWORD,
            "password": "een nieuw wachtwoord",
            "confirm": "een nieuw wachtwoord",
        },
    )
    assert response.status_code == 302
    assert other.get("/account/wachtwoord").status_code == 302  # sent to login
    assert client.get("/account/wachtwoord").status_code == 200  # this session goes on


def test_production_hashing_meets_owasp_floor():
    assert config.ARGON2_MEMORY_COST >= 19 * 1024
    assert config.ARGON2_TIME_COST >= 2


def test_passwords_are_stored_as_argon2id(make_user):
    make_user()
    assert User.get().password_hash.startswith("$argon2id$")


@pytest.fixture
def guarded(app):  # its tests are marked fresh_app: it adds a route
    bp = Blueprint("guarded_test", __name__)

    @bp.get("/alleen-projectleider")
    @role_required("projectleider")
    def only_leader():
        return "geheim"

    app.register_blueprint(bp)
    return "/alleen-projectleider"


@pytest.mark.fresh_app
def test_anonymous_is_sent_to_login(client, guarded):
    response = client.get(guarded)
    assert response.status_code == 302 and "/inloggen" in response.headers["Location"]


@pytest.mark.fresh_app
def test_htmx_anonymous_gets_client_redirect_not_302(client, guarded):
    response = client.get(guarded, headers={"HX-Request": "true"})
    assert response.status_code == 204 and "/inloggen" in response.headers["HX-Redirect"]


@pytest.mark.fresh_app
def test_wrong_role_gets_dutch_403_page(client, guarded, make_user, login):
    login(make_user("projectgroep"))
    response = client.get(guarded)
    assert response.status_code == 403 and "Geen toegang" in response.get_data(as_text=True)
