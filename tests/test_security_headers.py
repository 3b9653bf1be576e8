"""Every response carries the security headers; no page needs inline code; cookies are locked.

The same checks over every answer of the authorization matrix (every route, role and
method) live in tests/test_authorization_matrix.py, which asks them once per run.
"""

import pytest

from intranet import config as default_config
from intranet import errors
from intranet.security import CONTENT_SECURITY_POLICY
from tests.conftest import PASSWORD
from tests.support.csp import (
    MAIL_PREVIEW_POLICY,
    inline_code,
    missing_security_headers,
)
from tests.support.decide import HTMX


def test_the_mail_preview_lets_nothing_run():
    assert "default-src 'none'" in MAIL_PREVIEW_POLICY and "script" not in MAIL_PREVIEW_POLICY


def test_the_policy_forbids_inline_code_framing_and_plugins():
    directives = dict(part.strip().split(" ", 1) for part in CONTENT_SECURITY_POLICY.split(";"))
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"
    assert "unsafe" not in CONTENT_SECURITY_POLICY


def test_the_stylesheet_ships_the_htmx_indicator_styles(client):
    css = client.get("/static/css/intranet.css").get_data(as_text=True)
    assert ".htmx-indicator" in css and ".htmx-request" in css


def _headers_ok(response):
    missing = missing_security_headers(response.headers)
    assert not missing, missing


def test_a_404_carries_the_headers(client):
    response = client.get("/bestaat-niet")
    assert response.status_code == 404
    _headers_ok(response)


def test_a_405_and_a_413_carry_the_headers(client):
    wrong_method = client.get("/uitloggen")
    too_big = client.post("/wachtwoord-vergeten", data={"email": "x" * (600 * 1024)})
    assert (wrong_method.status_code, too_big.status_code) == (405, 413)
    assert wrong_method.headers["Allow"]
    _headers_ok(wrong_method)
    _headers_ok(too_big)


def test_a_refused_csrf_token_carries_the_headers(app, client):
    app.config["WTF_CSRF_ENABLED"] = True
    response = client.post("/wachtwoord-vergeten", data={"email": "a@example.org"})
    assert response.status_code == 400
    _headers_ok(response)


@pytest.fixture
def broken(app):
    """A route that fails, with errors handled as in production."""

    def fail():
        raise RuntimeError("kapot")

    app.add_url_rule("/kapot", "kapot", fail)
    app.config["PROPAGATE_EXCEPTIONS"] = False
    return app.test_client()


@pytest.mark.fresh_app
def test_a_500_carries_the_headers_and_a_dutch_page(broken):
    response = broken.get("/kapot")
    assert response.status_code == 500
    assert "Er ging iets mis" in response.get_data(as_text=True)
    _headers_ok(response)


@pytest.mark.fresh_app
def test_a_500_whose_error_page_fails_too_still_carries_the_headers(broken, monkeypatch):
    def no_page(*args, **kwargs):
        raise RuntimeError("the template is broken too")

    monkeypatch.setattr(errors, "render_template", no_page)
    response = broken.get("/kapot")
    assert response.status_code == 500
    assert "Er ging iets mis" in response.get_data(as_text=True)
    _headers_ok(response)


@pytest.mark.parametrize(
    "path", ["/static/css/intranet.css", "/static/vendor/htmx/htmx.min.js", "/static/nope.css"]
)
def test_static_files_carry_the_headers(client, path):
    response = client.get(path)
    assert response.status_code == (404 if "nope" in path else 200)
    _headers_ok(response)


def test_an_unsatisfiable_range_on_a_static_file_is_a_416_not_a_500(client):
    response = client.get("/static/css/intranet.css", headers={"Range": "bytes=99999999-"})
    assert response.status_code == 416 and response.headers["Content-Range"].startswith("bytes */")
    _headers_ok(response)


def test_an_htmx_fragment_carries_the_headers_and_varies_on_htmx(client):
    response = client.get("/partners/?sector=PO", headers=HTMX)
    assert response.status_code == 200 and "<html" not in response.get_data(as_text=True)
    assert "HX-Request" in response.headers["Vary"]
    _headers_ok(response)


def test_the_svg_diagram_carries_the_headers_and_no_script(client):
    response = client.get("/workflow/toetreding/diagram.svg?state=stemming")
    assert response.status_code == 200 and response.mimetype == "image/svg+xml"
    _headers_ok(response)
    svg = response.get_data(as_text=True)
    assert "<script" not in svg.lower()
    assert not [p for p in inline_code(svg) if "event handler" in p or "javascript" in p]


def test_the_csv_export_carries_the_headers(client, make_user, login):
    login(make_user("projectleider"))
    response = client.get("/bijdragen/2024/abonnementsgelden.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    _headers_ok(response)


COOKIE_SETTINGS = (
    "SESSION_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "SESSION_COOKIE_SAMESITE",
    "REMEMBER_COOKIE_SECURE",
    "REMEMBER_COOKIE_HTTPONLY",
    "REMEMBER_COOKIE_SAMESITE",
)


def test_the_production_defaults_lock_both_cookies():
    values = {name: getattr(default_config, name) for name in COOKIE_SETTINGS}
    assert values == {
        "SESSION_COOKIE_SECURE": True,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_SECURE": True,
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
    }


def test_under_the_production_defaults_login_sets_secure_httponly_samesite_cookies(app, make_user):
    for name in COOKIE_SETTINGS:  # the test config relaxes these for plain http
        app.config[name] = getattr(default_config, name)
    user = make_user()
    client = app.test_client()
    response = client.post(
        "/inloggen",
        data={"email": user.email, "password": PASSWORD, "remember": "y"},
        base_url="https://localhost",
    )
    assert response.status_code == 302
    cookies = {header.split("=", 1)[0]: header for header in response.headers.getlist("Set-Cookie")}
    assert {"session", "remember_token"} <= cookies.keys()
    for name in ("session", "remember_token"):
        flags = [flag.strip().lower() for flag in cookies[name].split(";")]
        assert "secure" in flags and "httponly" in flags and "samesite=lax" in flags, cookies[name]
