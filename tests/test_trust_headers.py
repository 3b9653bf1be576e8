"""Headers, cookies and files: HSTS, caches, session lifetimes, cross-site writes, backups,
and the demo seeder that must not touch real data."""

import os
import stat
from contextlib import nullcontext
from datetime import timedelta

import pytest
from flask import request_started
from flask_login import current_user

from intranet import clock
from intranet.models import OutboxMessage, User
from tests.conftest import PG_URL


def test_production_configuration_sends_hsts(client):
    assert "max-age=31536000" in client.get("/inloggen").headers["Strict-Transport-Security"]


def test_exports_and_the_outbox_are_never_cached(client, make_user, login):
    login(make_user("projectleider"))
    for path in ("/beheer/outbox", "/bijdragen/2018/abonnementsgelden.csv"):
        assert client.get(path).headers["Cache-Control"] == "no-store", path
    client.post("/uitloggen")
    assert "no-store" not in client.get("/partners/").headers.get("Cache-Control", "")


def test_a_remember_me_cookie_ends_after_its_lifetime_on_the_server_too(
    app, client, make_user, login, monkeypatch
):
    user = make_user("projectleider")
    login(user, remember=True)
    remembered = client.get_cookie("remember_token").value
    later = clock.now() + app.config["REMEMBER_COOKIE_DURATION"] + timedelta(minutes=1)
    monkeypatch.setattr("intranet.security.now", lambda: later)
    replay = app.test_client()  # the cookie copied elsewhere, its browser expiry ignored
    replay.set_cookie("remember_token", remembered)
    assert replay.get("/beheer/outbox").status_code == 302  # sent to log in


@pytest.mark.parametrize("loaded_early", [False, True], ids=["plain", "user-loaded-early"])
def test_an_idle_session_ends(app, client, make_user, login, loaded_early):
    # Loading the user before any before_request guard is what Sentry's Flask integration does.
    early = request_started.connected_to(_load_the_user, app) if loaded_early else nullcontext()
    with early:
        login(make_user("projectleider"))
        assert client.get("/beheer/outbox").status_code == 200
        idle = app.config["SESSION_IDLE_TIMEOUT"]
        with client.session_transaction() as session:  # seen just inside the limit: still in
            session["_seen"] = int((clock.now() - idle + timedelta(minutes=1)).timestamp())
        assert client.get("/beheer/outbox").status_code == 200
        with client.session_transaction() as session:  # seen just past it: logged out
            session["_seen"] = int((clock.now() - idle - timedelta(minutes=1)).timestamp())
        assert client.get("/beheer/outbox").status_code == 302


def _load_the_user(sender, **extra):
    return current_user.is_authenticated


def test_a_cross_site_post_is_refused_even_with_a_valid_session(client, make_user, login):
    login(make_user("projectleider"))
    for header in ({"Origin": "https://evil.example"}, {"Referer": "https://evil.example/x"}):
        response = client.post(
            "/convenant/vrienden/mailing",
            data={"subject": "Hallo", "body": "Tekst"},
            headers=header,
        )
        assert response.status_code == 403
    same_site = client.post(
        "/convenant/vrienden/mailing",
        data={"subject": "Hallo", "body": "Tekst", "bevestigd": "ja"},
        headers={"Origin": "http://localhost"},
    )
    assert same_site.status_code == 303
    assert OutboxMessage.select().count() == 0  # no vrienden yet; nothing sent either way


def test_a_backup_is_readable_by_its_owner_only(runner, tmp_path):
    target = tmp_path / "backup.sqlite3"
    target.write_text("")
    os.chmod(target, 0o644)
    result = runner.invoke(args=["db", "backup", str(target)])
    if PG_URL:  # PostgreSQL is backed up with pg_dump; the command says so
        assert result.exit_code != 0 and "pg_dump" in result.output
        return
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_seed_demo_refuses_a_database_with_real_accounts(runner, make_user):
    make_user(email="echte.mens@leidseaanpak.nl")
    result = runner.invoke(args=["seed-demo"])
    assert result.exit_code != 0 and "echte.mens@leidseaanpak.nl" in result.output
    assert User.select().count() == 1
