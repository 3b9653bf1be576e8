"""Optional error reporting: nothing without SENTRY_DSN; with it, an error reaches a (local,
real HTTP) Sentry endpoint, without its token, cookies or Referer."""

import gzip
import http.server
import threading

import brotli
import pytest
import sentry_sdk

from intranet.app import create_app
from intranet.error_reporting import scrub_event
from tests.conftest import TEST_CONFIG

TOKEN = "eyJzIjoxLCJuIjoiQUJDREVGR0hJSktMIn0.Z1x2Yw.QWERTYUIOPASDFGHJKLZXCVBNM12"


class Collector(http.server.BaseHTTPRequestHandler):
    """A stand-in for Sentry's ingest endpoint: keeps every envelope it is sent."""

    received = []

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        encoding = self.headers.get("Content-Encoding")
        if encoding == "gzip":
            body = gzip.decompress(body)
        elif encoding == "br":  # the SDK prefers brotli when the module is there
            body = brotli.decompress(body)
        Collector.received.append((self.path, body.decode(errors="replace")))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        """Quiet."""


@pytest.fixture
def sentry_endpoint():
    Collector.received = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Collector)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://publickey@127.0.0.1:{server.server_address[1]}/1"
    server.shutdown()
    sentry_sdk.get_client().close()
    # No DSN: back to a client that sends nothing. Sentry's patches of Flask stay for the
    # worker's life; like the app's own settings, this client reads no user on any request.
    sentry_sdk.init(data_collection={"user_info": False})


def test_without_a_dsn_nothing_is_initialised(app):
    assert not sentry_sdk.get_client().is_active()


@pytest.mark.fresh_app
def test_an_error_reaches_sentry_without_secrets(database_url, sentry_endpoint):
    app = create_app({**TEST_CONFIG, "DATABASE_URL": database_url, "SENTRY_DSN": sentry_endpoint})
    app.config["PROPAGATE_EXCEPTIONS"] = False  # as in production

    def broken(token):
        raise RuntimeError(f"kapot bij {token}")

    app.add_url_rule("/kapot/<token>", view_func=broken)
    assert sentry_sdk.get_client().is_active()
    response = app.test_client().get(
        f"/kapot/{TOKEN}?next=/wachtwoord-herstellen/{TOKEN}",
        headers={"Referer": f"https://intranet.example.org/x/{TOKEN}", "Cookie": "session=geheim"},
    )
    assert response.status_code == 500
    sentry_sdk.flush(timeout=10)
    events = [body for path, body in Collector.received if "/api/1/envelope/" in path]
    assert events and "RuntimeError" in events[0] and "kapot bij" in events[0]
    assert TOKEN not in events[0] and TOKEN.split(".")[0] not in events[0]
    assert "geheim" not in events[0] and "intranet.example.org/x" not in events[0]


def test_the_scrubber_drops_what_could_hold_a_secret():
    event = {
        "request": {
            "url": f"https://intranet.example.org/agenda/{'k' * 32}.ics",
            "query_string": f"token={TOKEN}",
            "headers": {"Referer": "x", "Cookie": "y", "User-Agent": "z"},
            "data": {"password": "p"},
        },
        "message": f"link {TOKEN}",
    }
    clean = scrub_event(event)
    assert clean["request"] == {
        "url": "https://intranet.example.org/agenda/[verborgen]",
        "headers": {"User-Agent": "z"},
    }
    assert clean["message"] == "link [verborgen]"
