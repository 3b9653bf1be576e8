"""Logging in as the tests do it outside the `login` fixture: a client of one's own, or a
login form posted from a chosen address."""

from tests.support.factories import PASSWORD


def log_in(client, email, password=PASSWORD, address="127.0.0.1"):
    """Post the login form from the address; the response (302: logged in)."""
    return client.post(
        "/inloggen",
        data={"email": email, "password": password},
        environ_base={"REMOTE_ADDR": address},
    )


def client_as(app, user):
    """A test client of its own, logged in as the user."""
    client = app.test_client()
    response = log_in(client, user.email)
    assert response.status_code == 302, response.get_data(as_text=True)
    return client
