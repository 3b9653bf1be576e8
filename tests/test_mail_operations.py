"""Mail in operation: no request waits for SMTP, overlapping senders send each message once,
and trouble (a server that hangs, refuses the login or fails the certificate check) shows in
/healthz and in the log at WARNING and ERROR."""

import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from datetime import timedelta
from email import message_from_bytes, policy
from pathlib import Path

import pytest

from intranet.clock import now
from intranet.mail_delivery import _claim, _mark, deliver_queued, release_expired
from intranet.models import OutboxMessage
from intranet.workflows.timers import record_tick
from tests.support.mails import queue
from tests.support.smtp_server import Recorder, free_port, hanging_server, smtp_server

ROOT = Path(__file__).parent.parent

# The implicit-TLS server allows AUTH: aiosmtpd only sees STARTTLS (tests/smtp_server.py).
pytestmark = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")


def _log_lines(capsys):
    return [
        json.loads(line) for line in capsys.readouterr().err.splitlines() if line.startswith("{")
    ]


def _health(client):
    record_tick(now())  # tick ran: only the mail can make it unhealthy
    response = client.get("/healthz")
    return response.status_code, response.json


def test_a_request_answers_at_once_while_the_smtp_server_hangs(app, client, make_user):
    user = make_user()
    with hanging_server() as config:
        app.config.update(config, MAIL_TIMEOUT=5)
        started = time.perf_counter()
        response = client.post("/wachtwoord-vergeten", data={"email": user.email})
        took = time.perf_counter() - started
        assert response.status_code == 302 and took < 1.0  # no page waits for the server
        message = OutboxMessage.get()
        assert message.status == "queued" and message.attempts == 0
        app.config["MAIL_TIMEOUT"] = 0.5
        assert deliver_queued()["retry"] == 1  # the sender waits, and gives up in time
    message = OutboxMessage.get()
    assert message.status == "queued" and message.attempts == 1 and message.next_attempt_at
    assert "timed out" in message.last_error


def test_healthz_reports_a_server_that_hangs(app, client):
    queue(2)
    with hanging_server() as config:
        app.config.update(config, MAIL_TIMEOUT=0.3)
        deliver_queued()
    status, body = _health(client)
    assert status == 503 and body["database"] == "ok"
    assert body["mail"]["failures"] == 2
    assert "mail: 2 bericht(en) mislukt bij de laatste poging" in body["problems"]


def test_a_wrong_password_shows_in_healthz_and_logs_a_warning(app, client, tmp_path, capsys):
    recorder = Recorder()
    with smtp_server(recorder, tls_directory=tmp_path) as config:
        app.config.update(config, MAIL_PASSWORD="fout", LOG_LEVEL="WARNING")
        queue(1)
        deliver_queued()
    assert recorder.messages == [] and "535" in OutboxMessage.get().last_error
    retries = [line for line in _log_lines(capsys) if line.get("event") == "mail_retry"]
    assert [line["level"] for line in retries] == ["WARNING"]
    status, body = _health(client)
    assert status == 503 and body["mail"]["failures"] == 1


def test_a_certificate_that_does_not_verify_leaves_the_mail_queued(app, client, tmp_path):
    recorder = Recorder()
    with smtp_server(recorder, tls_directory=tmp_path) as config:
        config["MAIL_CA_FILE"] = None  # the system's CAs do not know this server's certificate
        app.config.update(config)
        queue(1)
        deliver_queued()
    message = OutboxMessage.get()
    assert recorder.messages == [] and message.status == "queued"
    assert "CERTIFICATE_VERIFY_FAILED" in message.last_error
    assert _health(client)[0] == 503


def test_a_server_that_refuses_connections_shows_in_healthz(app, client):
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=free_port())  # nobody listens
    queue(1)
    deliver_queued()
    status, body = _health(client)
    assert status == 503 and body["mail"]["failures"] == 1


def test_a_failed_message_logs_an_error(app, capsys):
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=free_port(), MAIL_MAX_ATTEMPTS=1)
    queue(1)
    deliver_queued()
    assert OutboxMessage.get().status == "failed"
    failed = [line for line in _log_lines(capsys) if line.get("event") == "mail_failed"]
    assert [line["level"] for line in failed] == ["ERROR"]


def test_healthz_reports_mail_that_waits_too_long(app, client):
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=free_port())
    queue(1, created_at=now() - timedelta(minutes=20))  # nothing sent it: no worker runs
    queue(1, created_at=now() - timedelta(minutes=40), next_attempt_at=now() + timedelta(hours=1))
    status, body = _health(client)
    assert status == 503 and 20 * 60 <= body["mail"]["oldest_due_s"] < 21 * 60
    assert "mail: het oudste bericht wacht al 20 minuten" in body["problems"]


def test_healthz_is_ok_while_mail_flows(app, client):
    recorder = Recorder()
    with smtp_server(recorder) as config:
        app.config.update(config)
        queue(3)
        deliver_queued()
        queue(1)  # just queued: due, but it has not waited long
    status, body = _health(client)
    assert status == 200 and body["mail"]["failures"] == 0
    assert 0 <= body["mail"]["oldest_due_s"] < 60


def test_port_465_implicit_tls_with_login(app, tmp_path):
    recorder = Recorder()
    with smtp_server(recorder, tls_directory=tmp_path, implicit_tls=True) as config:
        app.config.update(config)
        assert app.config["MAIL_USE_SSL"] and not app.config["MAIL_USE_TLS"]
        queue(2)
        assert deliver_queued()["sent"] == 2
    assert len(recorder.messages) == 2 and len(recorder.connections) == 1


def test_implicit_tls_checks_the_certificate(app, tmp_path):
    recorder = Recorder()
    with smtp_server(recorder, tls_directory=tmp_path, implicit_tls=True) as config:
        app.config.update(config, MAIL_CA_FILE=None)
        queue(1)
        assert deliver_queued()["retry"] == 1
    assert recorder.messages == [] and "CERTIFICATE_VERIFY_FAILED" in OutboxMessage.get().last_error


def test_a_message_may_carry_an_html_part_and_headers_of_its_own(app):
    recorder = Recorder()
    unsubscribe = {"List-Unsubscribe": "<https://intranet.example.org/afmelden>"}
    queue(1, body="Tekst {n}", html="<p>Tekst <b>vet</b></p>", headers=json.dumps(unsubscribe))
    queue(1, headers=json.dumps({"From": "iemand@evil.example"}))  # not its to set
    with smtp_server(recorder) as config:
        app.config.update(config)
        deliver_queued()
    (envelope,) = recorder.messages
    email = message_from_bytes(envelope.original_content, policy=policy.default)
    assert email.get_content_type() == "multipart/alternative"
    assert email["List-Unsubscribe"] == "<https://intranet.example.org/afmelden>"
    assert email.get_body(("html",)).get_content().strip() == "<p>Tekst <b>vet</b></p>"
    assert email.get_body(("plain",)).get_content().strip() == "Tekst 0"
    sent, refused = OutboxMessage.select().order_by(OutboxMessage.id)
    assert sent.status == "sent" and sent.html is None  # its links left with it
    assert refused.status == "failed" and "From" in refused.last_error


def test_only_an_expired_claim_is_released(app):
    long_ago = now() - timedelta(hours=2)  # after an outage every message is old
    queue(3, created_at=long_ago)
    first, second, third = OutboxMessage.select().order_by(OutboxMessage.id)
    fresh = _claim(first.id)
    stale = _claim(second.id)
    OutboxMessage.update(claimed_at=now() - timedelta(minutes=11)).where(
        OutboxMessage.id == second.id
    ).execute()
    assert release_expired() == 1
    statuses = [m.status for m in OutboxMessage.select().order_by(OutboxMessage.id)]
    assert statuses == ["sending", "queued", "queued"]
    assert _mark(fresh, "sent")  # the holder of a live claim marks it
    retaken = _claim(second.id)  # another sender takes over the expired one
    assert not _mark(stale, "sent")  # the first sender no longer holds it: no mark
    assert OutboxMessage.get_by_id(second.id).claim == retaken.claim
    assert OutboxMessage.get_by_id(third.id).status == "queued"


def test_two_overlapping_senders_send_each_message_once(app):
    recorder = Recorder(delay=0.01)  # each message takes a moment: the senders overlap
    queue(40, created_at=now() - timedelta(hours=1))  # all older than any lease
    with smtp_server(recorder) as config:
        app.config.update(config)
        errors, start = [], threading.Barrier(2)

        def sender():
            try:
                with app.app_context():
                    start.wait()
                    for _ in range(20):
                        release_expired()
                        deliver_queued()
                        if (
                            not OutboxMessage.select()
                            .where(OutboxMessage.status != "sent")
                            .exists()
                        ):
                            break
            except Exception as error:  # pragma: no cover - reported below
                errors.append(error)

        threads = [threading.Thread(target=sender) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
    assert errors == []
    received = Counter(envelope.rcpt_tos[0] for envelope in recorder.messages)
    assert len(received) == 40 and set(received.values()) == {1}
    assert {m.status for m in OutboxMessage.select()} == {"sent"}
    assert len(recorder.connections) >= 2  # both senders did send


def test_the_reset_form_answers_alike_for_known_and_unknown_addresses(app, client, make_user):
    """Delivery is out of the request: the form takes as long for an account as without one
    (medians over 30 interleaved pairs, after a warm-up)."""
    app.config["RATE_LIMITS"] = {
        **app.config["RATE_LIMITS"],
        "password-reset": (1000, timedelta(minutes=15)),
    }
    user = make_user()
    with hanging_server() as config:  # a server that hangs: it must not matter
        app.config.update(config)
        timings = {"known": [], "unknown": []}
        for round_ in range(35):
            for kind, address in (
                ("known", user.email),
                ("unknown", f"niemand{round_}@example.org"),
            ):
                started = time.perf_counter()
                response = client.post("/wachtwoord-vergeten", data={"email": address})
                elapsed = time.perf_counter() - started
                assert response.status_code == 302
                if round_ >= 5:  # warm-up rounds do not count
                    timings[kind].append(elapsed)
    median = {kind: sorted(values)[len(values) // 2] for kind, values in timings.items()}
    ratio = max(median.values()) / min(median.values())
    assert ratio < 1.5, median
    assert OutboxMessage.select().count() == 35  # one queued mail per request for the account


def test_mail_work_sends_what_requests_queue_until_it_is_stopped(app, database_url, tmp_path):
    recorder = Recorder()
    with smtp_server(recorder) as config:
        environment = {
            "PATH": os.environ["PATH"],
            "PYTHONPATH": str(ROOT),
            "INTRANET_INSTANCE": str(tmp_path),  # not the developer's instance/config.py
            "SECRET_KEY": "5e" * 32,
            "DATABASE_URL": database_url,
            "MAIL_SERVER": config["MAIL_SERVER"],
            "MAIL_PORT": str(config["MAIL_PORT"]),
        }
        app.config.update(config)
        queue(2)
        worker = subprocess.Popen(
            [sys.executable, "-m", "flask", "--app", "wsgi", "mail", "work", "--every", "0.2"],
            cwd=ROOT,
            env=environment,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            _wait_until(lambda: len(recorder.messages) == 2)
            OutboxMessage.create(to="later@example.org", subject="Later", body="Tekst")
            _wait_until(lambda: len(recorder.messages) == 3)  # within moments of the commit
        finally:
            worker.send_signal(signal.SIGTERM)
            _, log = worker.communicate(timeout=30)
    assert worker.returncode == 0, log
    assert "mail worker stopped" in log
    assert {m.status for m in OutboxMessage.select()} == {"sent"}


def _wait_until(check, seconds=30):
    deadline = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < deadline, "the mail worker did not send in time"
        time.sleep(0.1)
