"""Rotating SECRET_KEY with SECRET_KEY_FALLBACKS keeps sessions, remember-me and known-device
cookies and e-mailed links working; a small backward clock step logs nobody out; the
known-device cookie does not carry the address."""

import base64
import json
import time
import zlib

import itsdangerous.timed

from intranet import throttle, tokens
from intranet.config import from_environment
from intranet.tokens import LinkError

NEW_KEY = "n" * 64


def _rotate(app, fallbacks=True):
    old = app.config["SECRET_KEY"]
    app.config["SECRET_KEY"] = NEW_KEY
    app.config["SECRET_KEY_FALLBACKS"] = [old] if fallbacks else []


def _logged_in(client):
    return client.get("/taken/").status_code == 200


def _cookie(client, name):
    cookie = client.get_cookie(name)
    return cookie.value if cookie else None


def test_a_session_survives_a_rotation_with_the_old_key_as_fallback(app, client, make_user, login):
    login(make_user())
    assert _logged_in(client)
    _rotate(app)
    assert _logged_in(client)


def test_without_the_fallback_a_rotation_ends_the_session(app, client, make_user, login):
    login(make_user())
    _rotate(app, fallbacks=False)
    assert not _logged_in(client)


def test_a_remember_me_cookie_survives_a_rotation(app, client, make_user, login):
    login(make_user(), remember=True)
    client.delete_cookie("session")  # the browser was closed: only remember-me is left
    _rotate(app)
    assert _logged_in(client)


def test_an_emailed_link_survives_a_rotation(app):
    token = tokens.make("password-reset", 7)
    _rotate(app)
    assert tokens.read("password-reset", token, app.config["PASSWORD_RESET_MAX_AGE"])["s"] == 7
    app.config["SECRET_KEY_FALLBACKS"] = []  # the old key retired: its links end
    try:
        tokens.read("password-reset", token, app.config["PASSWORD_RESET_MAX_AGE"])
    except LinkError as error:
        assert error.message == tokens.INVALID
    else:
        raise AssertionError("a link signed with a retired key still worked")


def test_a_new_link_is_signed_with_the_new_key_only(app):
    _rotate(app)
    token = tokens.make("password-reset", 8)
    app.config["SECRET_KEY_FALLBACKS"] = []
    assert tokens.read("password-reset", token, app.config["PASSWORD_RESET_MAX_AGE"])["s"] == 8


def _payload(value):
    """The readable part of an itsdangerous cookie (base64 JSON, maybe compressed)."""
    data = value.split(".")[1] if value.startswith(".") else value.split(".")[0]
    raw = base64.urlsafe_b64decode(data + "=" * (-len(data) % 4))
    return json.loads(zlib.decompress(raw) if value.startswith(".") else raw)


def test_the_known_device_cookie_does_not_hold_the_address(app, client, make_user, login):
    user = make_user(email="geheim.adres@example.org")
    login(user)
    value = _cookie(client, throttle.DEVICE_COOKIE)
    payload = _payload(value)
    assert "geheim" not in json.dumps(payload).lower() and set(payload) == {"d", "a"}
    with app.test_request_context(headers={"Cookie": f"{throttle.DEVICE_COOKIE}={value}"}):
        assert throttle._device_of(user.email) == payload["d"]  # it still knows the browser
        assert throttle._device_of("ander@example.org") is None
        _rotate(app)
        assert throttle._device_of(user.email) == payload["d"]  # through a rotation too


def test_fallback_keys_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("SECRET_KEY_FALLBACKS", "oud-een-" + "x" * 32 + ", oud-twee-" + "y" * 32)
    assert from_environment()["SECRET_KEY_FALLBACKS"] == [
        "oud-een-" + "x" * 32,
        "oud-twee-" + "y" * 32,
    ]


def _clock_back(monkeypatch, seconds):
    real = time.time
    monkeypatch.setattr(itsdangerous.timed.time, "time", lambda: real() - seconds)


def test_a_backward_clock_step_of_five_seconds_logs_nobody_out(
    app, client, make_user, login, monkeypatch
):
    login(make_user())
    _clock_back(monkeypatch, 5)  # everything was signed "in the future" now
    assert _logged_in(client)


def test_a_link_made_just_before_a_backward_clock_step_works(app, monkeypatch):
    token = tokens.make("password-reset", 9)
    _clock_back(monkeypatch, 5)
    assert tokens.read("password-reset", token, app.config["PASSWORD_RESET_MAX_AGE"])["s"] == 9


def test_a_signature_far_in_the_future_is_refused(app, client, make_user, login, monkeypatch):
    token = tokens.make("password-reset", 10)
    _clock_back(monkeypatch, 3600)  # an hour: no clock steps that far, a forgery or a bug
    try:
        tokens.read("password-reset", token, app.config["PASSWORD_RESET_MAX_AGE"])
    except LinkError as error:
        assert error.message == tokens.EXPIRED
    else:
        raise AssertionError("a signature an hour in the future was accepted")
