"""Serving behind a TLS proxy: the real client address, a SECRET_KEY of our own, and tests that
never read the developer's settings."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from intranet.app import create_app
from intranet.config import ConfigurationError
from intranet.models import LoginAttempt
from tests.conftest import PASSWORD, TEST_CONFIG, FreshContextClient

PROXY = {"REMOTE_ADDR": "127.0.0.1"}  # every request arrives from the proxy on the loopback
GOOD_KEY = "9f" * 32
ROOT = Path(__file__).parent.parent


@pytest.fixture
def proxied(app, database_url):
    """A client of the app configured for one trusted proxy (Caddy) in front of it."""
    proxied_app = create_app(
        {**TEST_CONFIG, "DATABASE_URL": database_url, "TRUSTED_PROXY_COUNT": 1}
    )
    proxied_app.test_client_class = FreshContextClient
    return proxied_app.test_client()


def _fail_login(client, email, address=None):
    headers = {"X-Forwarded-For": address} if address else {}
    return client.post(
        "/inloggen",
        data={"email": email, "password": "fout"},
        headers=headers,
        environ_base=PROXY,
    )


def test_behind_a_trusted_proxy_the_throttle_counts_the_client_address(proxied, make_user):
    _fail_login(proxied, "x@example.org", "203.0.113.7")
    keys = {attempt.key for attempt in LoginAttempt.select()}
    assert {"client:x@example.org|203.0.113.7", "address:203.0.113.7"} <= keys
    assert all("203.0.113.7" in key for key in keys if not key.startswith("account:"))


def test_strangers_behind_the_proxy_cannot_lock_out_everyone(proxied, make_user):
    user = make_user()
    for number in range(25):
        _fail_login(proxied, f"x{number}@example.org", "203.0.113.7")
    response = proxied.post(
        "/inloggen",
        data={"email": user.email, "password": PASSWORD},
        headers={"X-Forwarded-For": "198.51.100.20"},
        environ_base=PROXY,
    )
    assert response.status_code == 302


def test_without_a_trusted_proxy_a_forged_forwarded_for_is_ignored(client):
    _fail_login(client, "x@example.org", "203.0.113.7")
    assert LoginAttempt.select().where(LoginAttempt.key == "address:127.0.0.1").exists()
    assert not LoginAttempt.select().where(LoginAttempt.key.contains("203.0.113.7")).exists()


def test_the_proxy_trusts_only_the_address_it_added_itself(proxied):
    # A client that sends its own X-Forwarded-For gets it extended by Caddy; only the last
    # entry (what Caddy saw) counts.
    _fail_login(proxied, "x@example.org", "10.9.9.9, 203.0.113.7")
    assert LoginAttempt.select().where(LoginAttempt.key == "address:203.0.113.7").exists()


@pytest.mark.parametrize("key", [None, "", "dev", "test-secret", "kort-maar-geheim"])
def test_production_refuses_to_start_without_a_real_secret_key(database_url, key):
    with pytest.raises(ConfigurationError) as refused:
        create_app({"SECRET_KEY": key, "DATABASE_URL": database_url})
    assert "SECRET_KEY" in str(refused.value) and "\n" not in str(refused.value)


def test_production_starts_with_a_long_random_secret_key(database_url):
    assert create_app({"SECRET_KEY": GOOD_KEY, "DATABASE_URL": database_url}).secret_key


def test_development_may_start_with_a_demo_key(database_url):
    app = create_app({"SECRET_KEY": "dev", "DEVELOPMENT": True, "DATABASE_URL": database_url})
    assert app.secret_key == "dev"


def test_a_test_config_replaces_the_environment(monkeypatch, database_url):
    monkeypatch.setenv("MAIL_SERVER", "smtp.example.invalid")
    monkeypatch.setenv("SECRET_KEY", GOOD_KEY)
    app = create_app({**TEST_CONFIG, "DATABASE_URL": database_url})
    assert app.config["MAIL_SERVER"] is None and app.config["SECRET_KEY"] == "test-secret"


def test_without_a_test_config_the_environment_counts(monkeypatch, database_url, tmp_path):
    monkeypatch.setenv("INTRANET_INSTANCE", str(tmp_path))  # not the developer's instance/
    monkeypatch.setenv("MAIL_SERVER", "smtp.example.invalid")
    monkeypatch.setenv("SECRET_KEY", GOOD_KEY)
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("TRUSTED_PROXY_COUNT", "1")
    app = create_app()
    assert app.instance_path == str(tmp_path)
    assert app.config["MAIL_SERVER"] == "smtp.example.invalid"
    assert app.config["TRUSTED_PROXY_COUNT"] == 1


def test_behind_a_trusted_proxy_the_audit_records_the_client_address(proxied, make_user):
    from intranet.workflows.models import AuditEvent
    from tests.support import factories

    applicant, leader = make_user(), make_user("projectleider")
    case = factories.Case(applicant, route="basis").submitted().get()
    forwarded = {"X-Forwarded-For": "198.51.100.9"}
    proxied.post(
        "/inloggen",
        data={"email": leader.email, "password": PASSWORD},
        headers=forwarded,
        environ_base=PROXY,
    )
    response = proxied.post(
        f"/zaak/toetreding/{case.id}/stap/bevestigen",
        data={"expected_state": "bij_projectleider", "bevestigd": "ja"},
        headers=forwarded,
        environ_base=PROXY,
    )
    assert response.status_code == 303
    steps = AuditEvent.select().where(AuditEvent.workflow == "toetreding")
    step = steps.order_by(AuditEvent.id.desc()).first()  # the organisation's status follows it
    assert step.trigger == "bevestigen" and step.payload["address"] == "198.51.100.9"


@pytest.mark.once
@pytest.mark.parametrize(
    "command",
    [
        ["-m", "gunicorn", "-c", "deploy/gunicorn.conf.py", "--bind", "127.0.0.1:0"],
        ["-m", "flask", "--app", "wsgi", "db", "upgrade"],
    ],
    ids=["gunicorn", "flask"],
)
def test_without_a_secret_key_the_server_stops_with_one_clear_line(tmp_path, command):
    environment = {
        "PATH": os.environ["PATH"],
        "INTRANET_INSTANCE": str(tmp_path),
        "GUNICORN_WORKERS": "1",
    }
    result = subprocess.run(
        [sys.executable, *command],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 3  # gunicorn gives up instead of restarting workers forever
    lines = [line for line in result.stderr.splitlines() if line.startswith("intranet:")]
    assert lines == [
        "intranet: SECRET_KEY is not set: set it in the environment "
        "(see deploy/intranet.env.example)"
    ]
