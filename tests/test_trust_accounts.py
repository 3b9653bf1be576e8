"""Accounts and links as an attacker tries them: hosts, redirects, link lifetimes, throttling."""

import statistics
import threading
import time

import pytest

from intranet import security
from intranet.models import LoginAttempt, OutboxMessage, User
from tests.conftest import PASSWORD
from tests.support.logins import log_in
from tests.support.mails import link_paths, links_to

NEW = {"password": "een nieuw wachtwoord", "confirm": "een nieuw wachtwoord"}


# Host header and BASE_URL


def test_a_request_for_an_untrusted_host_is_refused_and_mails_nothing(client, make_user):
    user = make_user()
    response = client.post(
        "/wachtwoord-vergeten", data={"email": user.email}, headers={"Host": "evil.example"}
    )
    assert response.status_code == 400
    assert OutboxMessage.select().count() == 0


def test_mail_links_are_built_from_base_url_whatever_the_request_host(app, client, make_user):
    app.config["BASE_URL"] = "https://intranet.example.org"
    user = make_user()
    client.post("/wachtwoord-vergeten", data={"email": user.email}, headers={"Host": "127.0.0.1"})
    link = links_to(user.email, "/wachtwoord-herstellen/")[-1]
    assert link.startswith("https://intranet.example.org/wachtwoord-herstellen/")


# Redirects after login


@pytest.mark.parametrize(
    "target",
    ["/%09/evil.example", "/%0d%0a/x", "//evil.example", "https://evil.example/", "/%5Cevil"],
)
def test_login_follows_next_only_to_a_path_on_this_site(client, make_user, target):
    user = make_user()
    response = client.post(
        f"/inloggen?next={target}", data={"email": user.email, "password": PASSWORD}
    )
    assert response.status_code == 302 and response.headers["Location"] == "/"


def test_login_follows_next_to_a_path_on_this_site(client, make_user):
    user = make_user()
    response = client.post(
        "/inloggen?next=/partners/%3Fsector%3DPO", data={"email": user.email, "password": PASSWORD}
    )
    assert response.headers["Location"] == "/partners/?sector=PO"


# Link lifecycle


def _request_reset(client, user):
    client.post("/wachtwoord-vergeten", data={"email": user.email})
    return link_paths(user.email, "/wachtwoord-herstellen/")[-1]


def test_a_reset_link_dies_when_another_reset_link_is_used(client, make_user):
    user = make_user()
    first, second = _request_reset(client, user), None
    OutboxMessage.delete().execute()
    second = _request_reset(client, user)
    assert client.post(second, data=NEW).status_code == 302
    response = client.post(first, data={"password": "x" * 12, "confirm": "x" * 12})
    assert response.status_code == 400 and "werkt niet meer" in response.get_data(as_text=True)
    assert log_in(client, user.email, NEW["password"]).status_code == 302


def test_a_reset_link_dies_when_the_password_is_changed(client, make_user, login):
    user = make_user()
    link = _request_reset(client, user)
    login(user)
    client.post("/account/wachtwoord", data={"current": PASSWORD, **NEW})
    client.post("/uitloggen")
    response = client.get(link)
    assert response.status_code == 400 and "werkt niet meer" in response.get_data(as_text=True)


def test_a_reset_link_for_a_deactivated_account_is_refused(client, make_user):
    user = make_user()
    link = _request_reset(client, user)
    User.update(active=False).where(User.id == user.id).execute()
    response = client.post(link, data=NEW)
    assert response.status_code == 400 and "niet actief" in response.get_data(as_text=True)
    assert User.get_by_id(user.id).password_hash == user.password_hash


def test_opening_the_confirmation_link_confirms_nothing_until_the_button(client, make_user):
    from intranet.auth.accounts import send_confirmation

    user = make_user(confirmed=False)
    send_confirmation(user)
    link = link_paths(user.email, "/bevestigen/")[-1]
    for _ in range(2):  # a mail scanner's prefetch, then the person's own click
        page = client.get(link)
        assert page.status_code == 200 and "<form" in page.get_data(as_text=True)
    assert User.get_by_id(user.id).email_confirmed_at is None
    assert client.post(link).status_code == 422  # not logged in: the holder chooses a password
    assert User.get_by_id(user.id).email_confirmed_at is None
    assert client.post(link, data=NEW).status_code == 302
    assert User.get_by_id(user.id).email_confirmed_at is not None


# Unconfirmed addresses


def test_inviting_an_unconfirmed_address_takes_the_account_from_whoever_made_it(
    app, client, make_user, make_organisation, login
):
    squatter = make_user(email="collega@example.org", confirmed=False)
    squatter_client = app.test_client()
    assert log_in(squatter_client, squatter.email).status_code == 302
    partner = make_organisation()
    login(make_user(organisation=partner))
    client.post(
        f"/partners/{partner.id}/contactpersonen",
        data={"name": "Collega", "email": "collega@example.org", "kind": "primary"},
    )
    assert squatter_client.get("/partners/mijn").status_code == 302  # session ended
    assert log_in(app.test_client(), squatter.email, address="10.5.5.5").status_code == 200
    invitation = link_paths("collega@example.org", "/uitnodiging/")[-1]
    colleague = app.test_client()
    assert colleague.post(invitation, data=NEW).status_code == 303
    assert "contactpersoon" in User.by_email("collega@example.org").roles


def test_an_unconfirmed_account_holds_no_role_or_organisation(make_user, make_organisation):
    user = make_user("projectgroep", organisation=make_organisation(), confirmed=False)
    assert user.roles == set() and user.organisation_ids == set()


# Throttling


def test_a_stranger_cannot_lock_the_owner_out_from_other_addresses(app, client, make_user):
    owner = make_user()
    assert log_in(client, owner.email, address="10.0.0.1").status_code == 302
    client.post("/uitloggen")
    stranger = app.test_client()
    for number in range(40):
        log_in(stranger, owner.email, "geraden", address=f"10.9.{number}.1")
    # the owner's browser, from a new address, and a fresh browser at the owner's own address
    assert log_in(client, owner.email, address="10.0.0.2").status_code == 302
    assert log_in(app.test_client(), owner.email, address="10.0.0.1").status_code == 302


def test_past_the_account_limit_the_right_password_earns_a_mailed_link_never_a_refusal(
    app, make_user
):
    owner = make_user()
    for number in range(20):
        log_in(app.test_client(), owner.email, "geraden", address=f"10.9.{number}.1")
    links = lambda: [m for m in OutboxMessage.select() if "/inloggen/link/" in m.body]  # noqa: E731
    # a wrong guess from yet another address: the same answer as the right password, no mail
    guess = log_in(app.test_client(), owner.email, "nog een gok", address="10.8.0.2")
    assert guess.status_code == 200 and security.BY_MAIL in guess.get_data(as_text=True)
    assert links() == []
    # the owner on a new device and network: not refused, no session, a link by mail
    phone = app.test_client()
    answer = log_in(phone, owner.email, address="10.8.0.1")
    assert answer.status_code == 200 and security.BY_MAIL in answer.get_data(as_text=True)
    assert phone.get("/account/wachtwoord").status_code == 302  # not logged in by a guess
    (mail,) = links()
    assert mail.to == owner.email
    link = link_paths(owner.email, "/inloggen/link/")[-1]
    assert phone.get(link).status_code == 200  # a scanner's GET spends nothing
    assert phone.post(link, environ_base={"REMOTE_ADDR": "10.8.0.1"}).status_code == 302
    assert phone.get("/account/wachtwoord").status_code == 200
    assert app.test_client().post(link).status_code == 400  # once only
    # the phone is a known client now: the password alone logs it in again
    phone.post("/uitloggen")
    assert log_in(phone, owner.email, address="10.8.0.1").status_code == 302


def test_a_parallel_burst_gets_no_more_tries_than_the_limit(app, make_user):
    owner = make_user()
    barrier, statuses = threading.Barrier(10), []

    def guess(number):
        client = app.test_client()
        barrier.wait()
        statuses.append(log_in(client, owner.email, f"geraden {number}").status_code)

    threads = [threading.Thread(target=guess, args=(n,)) for n in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert len(statuses) == 10
    assert statuses.count(200) <= app.config["LOGIN_MAX_FAILURES_PER_CLIENT"]
    assert set(statuses) <= {200, 429}


def test_the_current_password_check_is_throttled(client, make_user, login):
    user = make_user()
    login(user)
    for _ in range(5):
        client.post("/account/wachtwoord", data={"current": "geraden", **NEW})
    response = client.post("/account/wachtwoord", data={"current": PASSWORD, **NEW})
    assert response.status_code == 429
    assert User.get_by_id(user.id).password_hash == user.password_hash


def test_password_reset_requests_are_rate_limited(client, make_user):
    user = make_user()
    statuses = [
        client.post("/wachtwoord-vergeten", data={"email": user.email}).status_code
        for _ in range(8)
    ]
    assert statuses[:5] == [302] * 5 and set(statuses[5:]) == {429}
    assert OutboxMessage.select().count() == 5


def test_the_account_check_of_the_apply_form_is_rate_limited(app, client, make_user):
    limit, window = app.config["RATE_LIMITS"]["apply-check"]
    app.config["RATE_LIMITS"] = {**app.config["RATE_LIMITS"], "apply-check": (3, window)}
    user = make_user()
    statuses = [
        client.post("/aanmelden/controleer/contact_email", data={"contact_email": user.email})
        for _ in range(4)
    ]
    assert [s.status_code for s in statuses[:3]] == [200] * 3
    assert statuses[3].status_code == 429


def test_the_apply_form_is_rate_limited(app, client):
    app.config["RATE_LIMITS"] = {
        **app.config["RATE_LIMITS"],
        "apply": (2, app.config["LOGIN_THROTTLE_WINDOW"]),
    }
    statuses = [client.post("/aanmelden", data={"route": "basis"}).status_code for _ in range(3)]
    assert statuses[2] == 429 and 429 not in statuses[:2]


def _login_time(client, email, address):
    started = time.perf_counter()
    log_in(client, email, "geraden", address=address)
    return time.perf_counter() - started


def test_an_unknown_address_costs_as_much_time_as_a_known_one(app, client, make_user):
    app.config.update(ARGON2_MEMORY_COST=19 * 1024, ARGON2_TIME_COST=2)  # production cost
    user = make_user()
    User.update(password_hash=security.hash_password(PASSWORD)).where(User.id == user.id).execute()
    _login_time(client, "warm@example.org", "10.7.0.1")
    known, unknown = [], []
    for number in range(7):  # interleaved, so a busy moment of the machine hits both alike
        known.append(_login_time(client, user.email, f"10.7.{number}.2"))
        unknown.append(_login_time(client, "niemand@example.org", f"10.7.{number}.3"))
        LoginAttempt.delete().execute()
    assert statistics.median(unknown) > statistics.median(known) * 0.5, (known, unknown)


def test_tick_forgets_old_tries_but_keeps_known_clients(app, make_user):
    from datetime import timedelta

    from intranet.clock import now
    from intranet.workflows.timers import tick

    old = now() - app.config["KEEP_LOGIN_ATTEMPTS"] - timedelta(days=1)
    LoginAttempt.insert_many(
        [
            {"key": "client:a@example.org|10.0.0.1", "at": old},
            {"key": "known:a@example.org|10.0.0.1", "at": old},
            {"key": "client:a@example.org|10.0.0.2", "at": now()},
        ]
    ).execute()
    tick()
    kept = {attempt.key for attempt in LoginAttempt.select()}
    assert kept == {"known:a@example.org|10.0.0.1", "client:a@example.org|10.0.0.2"}
