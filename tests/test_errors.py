"""Bad requests get a clear Dutch page with the right status, and change nothing."""

import pytest

from intranet.models import OutboxMessage


def test_unknown_page_is_a_dutch_404(client):
    response = client.get("/bestaat-niet")
    assert response.status_code == 404 and "Niet gevonden" in response.get_data(as_text=True)


def test_oversized_body_is_a_dutch_413(client):
    response = client.post("/wachtwoord-vergeten", data={"email": "x" * (600 * 1024)})
    assert response.status_code == 413 and "te groot" in response.get_data(as_text=True)
    assert OutboxMessage.select().count() == 0


def test_wrong_method_is_a_dutch_405(client):
    response = client.get("/uitloggen")
    assert response.status_code == 405 and "Niet toegestaan" in response.get_data(as_text=True)


@pytest.fixture
def csrf_client(app):
    app.config["WTF_CSRF_ENABLED"] = True
    return app.test_client()


def test_post_without_csrf_token_is_rejected(csrf_client, make_user):
    user = make_user()
    response = csrf_client.post("/wachtwoord-vergeten", data={"email": user.email})
    assert response.status_code == 400 and "beveiligingscode" in response.get_data(as_text=True)
    assert OutboxMessage.select().count() == 0


def test_htmx_post_with_csrf_header_is_accepted(csrf_client, make_user):
    page = csrf_client.get("/inloggen").get_data(as_text=True)
    token = page.split('"X-CSRFToken": "')[1].split('"')[0]
    user = make_user()
    response = csrf_client.post(
        "/wachtwoord-vergeten", data={"email": user.email}, headers={"X-CSRFToken": token}
    )
    assert response.status_code == 302


def test_every_response_carries_the_security_headers(client):
    headers = client.get("/inloggen").headers
    assert "'unsafe-inline'" not in headers["Content-Security-Policy"]
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
