"""Production as deployed: Debian's caddy (deploy/intranet.caddy, its internal CA on the loopback)
in front of gunicorn (deploy/gunicorn.conf.py), and a person logging in over https."""

import http.client
import http.cookiejar
import json
import os
import re
import shutil
import ssl
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from intranet import security
from intranet.app import create_app
from intranet.clock import now
from intranet.db import db, upgrade
from intranet.models import LoginAttempt, Membership, OutboxMessage, User
from tests.conftest import PASSWORD, TEST_CONFIG
from tests.support.smtp_server import free_port

pytestmark = pytest.mark.once

ROOT = Path(__file__).parent.parent
CADDY = shutil.which("caddy")
CLIENT = "127.0.0.2"  # the browser connects from here; Caddy and gunicorn see different peers
EMAIL = "projectleider@example.org"
UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
CSRF = re.compile(
    r'name="csrf_token" type="hidden" value="([^"]+)"|name="csrf_token" value="([^"]+)"'
)


def _wait_for(check, what, seconds=60):  # a loaded two-core machine starts slowly
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if check():
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise AssertionError(f"{what} did not come up")


def _seed(path):
    """A database with one projectleider, made the way the tests make every database."""
    app = create_app({**TEST_CONFIG, "DATABASE_URL": f"sqlite:///{path}"})
    with app.app_context():
        upgrade()
        user = User.create(
            email=EMAIL,
            name="Projectleider",
            password_hash=security.hash_password(PASSWORD),
            email_confirmed_at=now(),
        )
        Membership.create(user=user, group="projectleider")
    db.close_all()


class Browser:
    """An https client from 127.0.0.2 that trusts Caddy's local CA and keeps Secure cookies."""

    def __init__(self, base, ca_file):
        self.base = base
        context = ssl.create_default_context(cafile=str(ca_file))
        handler = urllib.request.HTTPSHandler(context=context)
        handler.https_open = lambda req: handler.do_open(self._connection, req, context=context)
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            handler, urllib.request.HTTPCookieProcessor(self.cookies)
        )

    @staticmethod
    def _connection(host, **options):
        return http.client.HTTPSConnection(host, source_address=(CLIENT, 0), **options)

    def open(self, path, data=None, headers=None):
        """GET or POST (data: a dict) a path; returns (response, body text)."""
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(self.base + path, data=body, headers=headers or {})
        try:
            response = self.opener.open(request, timeout=20)
        except urllib.error.HTTPError as error:
            response = error
        return response, response.read().decode(errors="replace")

    def form_token(self, path):
        """The CSRF token of the form on a page."""
        _, page = self.open(path)
        match = CSRF.search(page)
        return match.group(1) or match.group(2)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """gunicorn and caddy, configured by the files in deploy/, on free loopback ports."""
    if CADDY is None:
        pytest.fail("caddy is missing: `make caddy-deps` installs Debian's package")
    tmp = tmp_path_factory.mktemp("caddy")
    database = tmp / "intranet.sqlite3"
    _seed(database)
    app_port, https_port, http_port = free_port(), free_port(), free_port()
    base = f"https://localhost:{https_port}"
    app_env = {
        "PATH": os.environ["PATH"],
        "INTRANET_INSTANCE": str(tmp / "instance"),  # not the developer's instance/config.py
        "SECRET_KEY": "5e" * 32,
        "DATABASE_URL": f"sqlite:///{database}",
        "TRUSTED_PROXY_COUNT": "1",
        "BASE_URL": base,
        "GUNICORN_BIND": f"127.0.0.1:{app_port}",
        "GUNICORN_WORKERS": "2",
        "GUNICORN_ACCESS_LOG": "1",
    }
    gunicorn = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py"],
        cwd=ROOT,
        env=app_env,
        stdout=open(tmp / "gunicorn.out", "w"),  # noqa: SIM115 (closed with the process)
        stderr=subprocess.STDOUT,
    )
    caddyfile = tmp / "Caddyfile"
    caddyfile.write_text(
        "{\n\tadmin off\n\tlocal_certs\n\tskip_install_trust\n"
        f"\thttp_port {http_port}\n\thttps_port {https_port}\n"
        f"\tstorage file_system {tmp / 'caddy-data'}\n}}\n"
        f"import {ROOT / 'deploy' / 'intranet.caddy'}\n"
    )
    caddy_env = {
        "PATH": os.environ["PATH"],
        "HOME": str(tmp),
        "XDG_DATA_HOME": str(tmp),
        "XDG_CONFIG_HOME": str(tmp),
        "INTRANET_SITE": base,
        "INTRANET_UPSTREAM": f"127.0.0.1:{app_port}",
        "INTRANET_STATIC": str(ROOT / "intranet" / "static"),
    }
    caddy = subprocess.Popen(
        [CADDY, "run", "--adapter", "caddyfile", "--config", str(caddyfile)],
        env=caddy_env,
        stdout=open(tmp / "caddy.out", "w"),  # noqa: SIM115
        stderr=subprocess.STDOUT,
    )
    ca_file = tmp / "caddy-data" / "pki" / "authorities" / "local" / "root.crt"
    try:
        _wait_for(
            lambda: http.client.HTTPConnection("127.0.0.1", app_port).request("GET", "/") or True,
            "gunicorn",
        )
        _wait_for(ca_file.exists, "caddy's local CA")
        _wait_for(lambda: Browser(base, ca_file).open("/healthz")[0].status in (200, 503), "caddy")
        yield {"base": base, "ca_file": ca_file, "database": database, "tmp": tmp}
    finally:
        for process in (caddy, gunicorn):
            process.terminate()
            process.wait(timeout=20)


@pytest.fixture
def browser(site):
    """A fresh browser (no cookies) against the site."""
    return Browser(site["base"], site["ca_file"])


@pytest.fixture
def database(site):
    """An app context on the site's database, for reading what the requests did."""
    app = create_app({**TEST_CONFIG, "DATABASE_URL": f"sqlite:///{site['database']}"})
    with app.app_context():
        yield
    db.close_all()


def test_logging_in_over_https_sets_a_secure_cookie_that_keeps_the_session(browser):
    token = browser.form_token("/inloggen")
    response, _ = browser.open(
        "/inloggen", {"csrf_token": token, "email": EMAIL, "password": PASSWORD}
    )
    assert response.status == 200 and response.url.endswith("/taken/")
    session = next(cookie for cookie in browser.cookies if cookie.name == "session")
    assert session.secure and session.has_nonstandard_attr("HttpOnly")
    response, page = browser.open("/beheer/outbox")
    assert response.status == 200 and "Verzonden mail" in page
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")
    assert re.fullmatch(UUID, response.headers["X-Request-ID"])  # Caddy's id


def test_the_throttle_counts_the_address_caddy_saw_not_a_forged_one(browser, database):
    token = browser.form_token("/inloggen")
    browser.open(
        "/inloggen",
        {"csrf_token": token, "email": "vreemde@example.org", "password": "fout"},
        headers={"X-Forwarded-For": "203.0.113.66"},
    )
    keys = {a.key for a in LoginAttempt.select().where(LoginAttempt.key.startswith("address:"))}
    assert keys == {f"address:{CLIENT}"}


def test_a_mail_link_starts_with_base_url(site, browser, database):
    token = browser.form_token("/wachtwoord-vergeten")
    browser.open("/wachtwoord-vergeten", {"csrf_token": token, "email": EMAIL})
    body = OutboxMessage.select().order_by(OutboxMessage.id.desc()).first().body
    assert f"{site['base']}/wachtwoord-herstellen/" in body


def test_static_files_come_from_caddy_compressed_and_versioned(browser):
    _, page = browser.open("/inloggen")
    stylesheet = re.search(r'href="(/static/[^"]+\.css\?v=[0-9a-f]{12})"', page).group(1)
    response, _ = browser.open(stylesheet, headers={"Accept-Encoding": "gzip"})
    assert response.status == 200 and response.headers["Content-Encoding"] == "gzip"
    assert "X-Request-ID" not in response.headers  # gunicorn never saw it
    assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")
    unversioned, _ = browser.open(stylesheet.split("?")[0])
    assert unversioned.status == 200 and unversioned.headers["Cache-Control"] == "no-cache"


def test_an_unknown_static_file_is_a_404_nobody_caches(browser):
    for path in ("/static/css/weg.css?v=0123456789ab", "/static/css/weg.css"):
        response, _ = browser.open(path)
        assert response.status == 404 and response.headers["Cache-Control"] == "no-cache"


def _json_lines(path):
    lines = path.read_text().splitlines()
    return [json.loads(line) for line in lines]  # every line is JSON, or this fails


def test_a_client_cannot_choose_its_request_id(site, browser):
    response, _ = browser.open("/inloggen", headers={"X-Request-ID": "caddy-test-1"})
    request_id = response.headers["X-Request-ID"]
    assert request_id != "caddy-test-1"
    assert re.fullmatch(UUID, request_id)
    time.sleep(0.5)
    lines = [
        line
        for line in _json_lines(site["tmp"] / "gunicorn.out")
        if line.get("request_id") == request_id
    ]
    assert {line["logger"] for line in lines} == {"intranet.requests", "gunicorn.access"}
    assert all(line["path"] == "/inloggen" and line["status"] == 200 for line in lines)
    assert "caddy-test-1" not in (site["tmp"] / "gunicorn.out").read_text()


def test_the_error_page_through_caddy_names_the_request_id(browser):
    response, page = browser.open("/bestaat-niet")
    assert response.status == 404 and f"<code>{response.headers['X-Request-ID']}</code>" in page


def test_every_log_line_is_json_so_jq_reads_them_all(site, browser):
    browser.open("/inloggen")
    time.sleep(0.5)
    lines = _json_lines(site["tmp"] / "gunicorn.out")
    assert any(line["logger"] == "gunicorn.error" for line in lines)  # gunicorn's own too
    assert [
        line
        for line in _json_lines(site["tmp"] / "caddy.out")
        if line.get("logger") == "http.log.access.log0"
    ]


TOKEN = "eyJzIjoxLCJuIjoiQUJDREVGR0hJSktMIn0.Z1x2Yw.QWERTYUIOPASDFGHJKLZXCVBNM12"
FEED = "Kx9vT3qLmN8pR2sW5yZ7aB4cD6eF0gHj"  # the shape of a calendar feed's key (32 characters)


def test_no_token_reaches_caddys_log(site, browser):
    _, page = browser.open(f"/wachtwoord-herstellen/{TOKEN}")
    static = re.search(r'href="(/static/[^"]+\.css[^"]*)"', page).group(1)
    referer = f"{site['base']}/wachtwoord-herstellen/{TOKEN}"
    browser.open(static, headers={"Referer": referer})  # the page's stylesheet, as a browser asks
    browser.open(f"/agenda/{FEED}.ics")
    browser.open(f"/convenant/1/pdf?token={TOKEN}")
    time.sleep(1)
    log = (site["tmp"] / "caddy.out").read_text()
    for secret in (TOKEN, FEED, TOKEN.split(".")[0]):
        assert secret not in log
    access = [line for line in _json_lines(site["tmp"] / "caddy.out") if "request" in line]
    uris = {line["request"]["uri"] for line in access}
    assert "/wachtwoord-herstellen/[verborgen]" in uris and "/agenda/[verborgen]" in uris
    assert "/convenant/1/pdf?[verborgen]" in uris
    assert not any("Referer" in line["request"].get("headers", {}) for line in access)
