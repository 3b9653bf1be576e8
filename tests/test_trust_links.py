"""Account links outlive nothing about their account (issue 24): every link that acts on an
account (invitation, reset, address confirmation, login link, signer) is replayed after the
account's address changed, after it was deactivated (and reactivated), and after its
password changed; each replay is refused and changes nothing. An address change and a
deactivation end every session."""

import pytest

from intranet import security, tokens
from intranet.clock import today
from intranet.models import User
from intranet.people.models import AddressChange
from intranet.rounds import signers
from intranet.rounds.models import RenewalInvitation
from tests.conftest import PASSWORD
from tests.support import factories
from tests.support.logins import log_in
from tests.support.mails import link_paths
from tests.support.rounds_support import open_renewal, renewal_setup
from tests.support.world import snapshot

NEW = {"password": "een nieuw wachtwoord", "confirm": "een nieuw wachtwoord"}
SIGNATURE = {
    "signer_name": "Marieke Bestuur",
    "signer_function": "voorzitter",
    "authorised": "y",
}


def _token_path(endpoint, token):
    from flask import current_app

    return current_app.url_map.bind("localhost").build(endpoint, {"token": token})


# How each kind of link is made for an account (as the app makes it), and how it is used.


def _reset(user, client):
    client.post("/wachtwoord-vergeten", data={"email": user.email})
    return link_paths(user.email, "/wachtwoord-herstellen/")[-1], NEW


def _account_invite(user, _client):
    return _token_path("people.accept_invite", security.account_link("account-invite", user)), NEW


def _partner_invite(user, _client):
    path = _token_path("partners.accept_invite", security.account_link("partner-invite", user))
    return path, NEW


def _confirm(user, _client):
    from intranet.auth.accounts import CONFIRM

    return _token_path("auth.confirm_email", security.account_link(CONFIRM, user)), NEW


def _login_link(user, _client):
    path = _token_path("auth.login_by_link", security.account_link(security.LOGIN_LINK, user))
    return path, {}


def _address_link(user, _client):
    change = AddressChange.create(user=user, email=f"elders-{user.id}@example.org")
    path = _token_path(
        "people.confirm_email_change",
        security.account_link("email-change", user, subject=change.id),
    )
    return path, {}


def _signer(user, _client):
    """A named signer who has an account: the link is bound to that account."""
    for _ in range(2):
        factories.person(organisation=factories.organisation())
    _, following = renewal_setup()
    open_renewal(following)
    invitation = RenewalInvitation.select().order_by(RenewalInvitation.id).first()
    signers.name_signer(
        invitation.id, factories.person(), "Marieke Bestuur", "voorzitter", user.email
    )
    return link_paths(user.email, "/convenant/tekenen/")[-1], {
        **SIGNATURE,
        "signed_on": today().isoformat(),
    }


LINKS = {
    "reset": _reset,
    "account-invite": _account_invite,
    "partner-invite": _partner_invite,
    "confirm": _confirm,
    "login-link": _login_link,
    "address": _address_link,
    "signer": _signer,
}


# What happens to the account in between.


def _leader_client(app, make_user):
    leader = make_user("projectleider")
    client = app.test_client()
    assert log_in(client, leader.email).status_code == 302
    return client


def _change_address(app, make_user, user):
    leader = _leader_client(app, make_user)
    new = f"nieuw-{user.id}@example.org"
    assert leader.post(f"/leden/accounts/{user.id}/adres", data={"email": new}).status_code == 303
    link = link_paths(new, "/leden/adres/")[-1]
    assert app.test_client().post(link).status_code == 302
    assert User.get_by_id(user.id).email == new


def _deactivate(app, make_user, user):
    leader = _leader_client(app, make_user)
    assert leader.post(f"/leden/accounts/{user.id}/deactiveren").status_code == 303


def _deactivate_and_reactivate(app, make_user, user):
    leader = _leader_client(app, make_user)
    assert leader.post(f"/leden/accounts/{user.id}/deactiveren").status_code == 303
    assert leader.post(f"/leden/accounts/{user.id}/activeren").status_code == 303


def _change_password(app, _make_user, user):
    client = app.test_client()
    assert log_in(client, user.email).status_code == 302
    changed = client.post("/account/wachtwoord", data={"current": PASSWORD, **NEW})
    assert changed.status_code == 302


EVENTS = {
    "address-changed": _change_address,
    "deactivated": _deactivate,
    "deactivated-reactivated": _deactivate_and_reactivate,
    "password-changed": _change_password,
}


@pytest.mark.parametrize("event", EVENTS)
@pytest.mark.parametrize("kind", LINKS)
def test_an_old_link_dies_with_the_account_it_was_made_for(app, make_user, kind, event):
    user = make_user()
    client = app.test_client()
    path, data = LINKS[kind](user, client)
    EVENTS[event](app, make_user, user)
    before = snapshot()
    replay = app.test_client()
    opened = replay.get(path)
    used = replay.post(path, data=data)
    for response in (opened, used):
        assert response.status_code in (400, 409), (kind, event, response.status_code)
        text = response.get_data(as_text=True)
        assert "werkt niet meer" in text or "niet actief" in text or "niet meer" in text
    assert snapshot() == before  # nothing changed: no password, no address, no signature


@pytest.mark.parametrize("kind", LINKS)
def test_an_untouched_link_still_works(app, make_user, kind):
    user = make_user()
    path, data = LINKS[kind](user, app.test_client())
    assert app.test_client().post(path, data=data).status_code in (302, 303)


@pytest.mark.parametrize("event", ["address-changed", "deactivated"])
def test_an_address_change_or_a_deactivation_ends_every_session(app, make_user, event):
    user = make_user()
    browser, remembered = app.test_client(), app.test_client()
    assert log_in(browser, user.email).status_code == 302
    remembered.post("/inloggen", data={"email": user.email, "password": PASSWORD, "remember": "y"})
    assert browser.get("/account/wachtwoord").status_code == 200
    EVENTS[event](app, make_user, user)
    for client in (browser, remembered):
        client.delete_cookie("session")  # the remember-me cookie alone must not bring it back
        assert client.get("/account/wachtwoord").status_code == 302
    assert browser.get("/account/wachtwoord").status_code == 302


def test_the_mistyped_invitation_cannot_take_over_the_corrected_account(app, make_user):
    """The projectleider invites at a mistyped address, corrects it; the right person
    confirms; the original invitation link (in the mistyped mailbox) is dead."""
    leader = _leader_client(app, make_user)
    answer = leader.post(
        "/leden/accounts", data={"name": "Jan Jansen", "email": "jan.jansne@example.org"}
    )
    assert answer.status_code == 303
    jan = User.by_email("jan.jansne@example.org")
    mistyped = link_paths("jan.jansne@example.org", "/leden/uitnodiging/")[-1]
    assert (
        leader.post(
            f"/leden/accounts/{jan.id}/adres", data={"email": "jan.jansen@example.org"}
        ).status_code
        == 303
    )
    right = app.test_client()
    assert right.post(link_paths("jan.jansen@example.org", "/leden/adres/")[-1]).status_code == 302
    # the right person gets their own link to choose a password
    invitation = link_paths("jan.jansen@example.org", "/leden/uitnodiging/")[-1]
    assert right.post(invitation, data=NEW).status_code == 303
    stolen = app.test_client().post(
        mistyped, data={"password": "van de verkeerde", "confirm": "van de verkeerde"}
    )
    assert stolen.status_code == 400
    assert (
        log_in(app.test_client(), "jan.jansen@example.org", "van de verkeerde").status_code == 200
    )
    assert security.check_password(User.get_by_id(jan.id), NEW["password"])


def test_a_token_shows_no_digest_of_the_password(app, make_user):
    user = make_user()
    token = security.account_link("password-reset", user)
    payload = tokens.read("password-reset", token, app.config["PASSWORD_RESET_MAX_AGE"])
    assert payload["b"] == tokens.account_stamp(user)
    import hashlib

    assert hashlib.sha256(user.password_hash.encode()).hexdigest()[:16] not in payload["b"]
