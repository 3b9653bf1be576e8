"""Mail that always arrives: proper headers, one connection per batch, backoff, never stuck."""

from datetime import timedelta
from email import message_from_bytes, policy

import pytest

from intranet import mail
from intranet.clock import now
from intranet.mail_delivery import deliver_queued, retry_delay
from intranet.models import OutboxMessage
from tests.support.mails import queue
from tests.support.smtp_server import Recorder, free_port, smtp_server


def _statuses():
    return {m.to: m.status for m in OutboxMessage.select()}


@pytest.fixture
def tls_smtp(app, tmp_path):
    """A server that requires STARTTLS (self-signed certificate, trusted by the app) and login."""
    recorder = Recorder()
    with smtp_server(recorder, tls_directory=tmp_path) as config:
        app.config.update(config)
        yield recorder


def test_every_message_has_date_message_id_sender_name_and_utf8_plain_text(app, tls_smtp):
    app.config.update(NETWORK_NAME="De Leidse Aanpak", MAIL_FROM="noreply@lef.example.org")
    queue()
    deliver_queued()
    email = message_from_bytes(tls_smtp.messages[0].original_content, policy=policy.default)
    assert email["Date"] and email["Message-ID"].endswith("@lef.example.org>")
    assert email["From"].addresses[0].display_name == "De Leidse Aanpak"
    assert email["From"].addresses[0].addr_spec == "noreply@lef.example.org"
    assert email.get_content_type() == "text/plain" and email.get_content_charset() == "utf-8"
    assert email.get_content().strip() == "Hallo Zoë 0"
    assert "Reply-To" not in email


def test_reply_to_follows_the_message_kind(app, tls_smtp):
    app.config["MAIL_REPLY_TO"] = {"referee_invitation": "projectleider@lef.example.org"}
    queue(kind="referee_invitation")
    queue(to="ander@example.org", kind="password_reset")
    deliver_queued()
    emails = {
        e.rcpt_tos[0]: message_from_bytes(e.original_content, policy=policy.default)
        for e in tls_smtp.messages
    }
    assert emails["lid0@example.org"]["Reply-To"] == "projectleider@lef.example.org"
    assert "Reply-To" not in emails["ander@example.org"]


def test_mails_that_invite_a_reply_reach_a_person_and_say_where(app, tls_smtp):
    config = app.config
    assert config["MAIL_REPLY_TO"]["vriend_mailing"] == config["PROJECTLEIDER_REPLY_TO"]
    assert config["MAIL_REPLY_TO"]["renewal_invitation"] == config["PROJECTLEIDER_REPLY_TO"]
    assert config["MAIL_REPLY_TO"]["invoice"] == config["INVOICE_REPLY_TO"]  # the administration
    assert "password_reset" not in config["MAIL_REPLY_TO"]  # one's own account: no reply
    for template in ("network_invitation", "password_reset"):
        queue(to=f"{template}@example.org", kind=template)
    deliver_queued()
    emails = {
        e.rcpt_tos[0]: message_from_bytes(e.original_content, policy=policy.default)
        for e in tls_smtp.messages
    }
    reply_to = emails["network_invitation@example.org"]["Reply-To"]
    assert reply_to == config["PROJECTLEIDER_REPLY_TO"]
    assert "Reply-To" not in emails["password_reset@example.org"]
    footer = mail.render("_footer")
    assert f"komt aan bij {config['PROJECTLEIDER_REPLY_TO']}" in mail.render(
        "vriend_mailing", user=None, organisation=None, body=""
    )
    assert "automatisch verstuurd" in footer and "komt aan bij" not in footer


def test_a_batch_of_300_messages_goes_over_one_tls_connection_with_login(app, tls_smtp):
    queue(300)
    counts = deliver_queued()
    assert counts["sent"] == 300 and len(tls_smtp.messages) == 300
    assert len(tls_smtp.connections) == 1
    assert set(_statuses().values()) == {"sent"}


def test_a_wrong_smtp_password_leaves_the_mail_queued(app, tls_smtp):
    app.config["MAIL_PASSWORD"] = "fout"
    queue(3)
    deliver_queued()
    assert tls_smtp.messages == [] and set(_statuses().values()) == {"queued"}
    assert all("535" in m.last_error and m.next_attempt_at for m in OutboxMessage.select())


def test_a_rejected_recipient_does_not_stop_the_others(app, tmp_path):
    recorder = Recorder(refuse={"lid1@example.org": "550 5.1.1 onbekende ontvanger"})
    with smtp_server(recorder, tls_directory=tmp_path) as config:
        app.config.update(config)
        queue(3)
        deliver_queued()
    assert _statuses() == {
        "lid0@example.org": "sent",
        "lid1@example.org": "failed",  # refused for good: no point in trying again
        "lid2@example.org": "sent",
    }
    refused = OutboxMessage.get(OutboxMessage.to == "lid1@example.org")
    assert "onbekende ontvanger" in refused.last_error
    assert len(recorder.connections) == 1


def test_a_temporary_refusal_is_tried_again_later(app):
    recorder = Recorder(refuse={"lid0@example.org": "451 4.3.0 probeer later"})
    with smtp_server(recorder) as config:
        app.config.update(config)
        queue(2)
        deliver_queued()
    retry = OutboxMessage.get(OutboxMessage.to == "lid0@example.org")
    assert retry.status == "queued" and retry.attempts == 1
    assert retry.next_attempt_at > now() + timedelta(minutes=1)
    assert _statuses()["lid1@example.org"] == "sent"


def test_a_server_that_is_down_leaves_everything_queued_with_a_next_attempt(app):
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=free_port())  # nobody listens
    queue(5)
    counts = deliver_queued()
    assert counts["retry"] == 5
    for message in OutboxMessage.select():
        assert message.status == "queued" and message.attempts == 1
        assert message.next_attempt_at > now() and message.last_error


def test_a_message_waits_for_its_next_attempt_time(app):
    recorder = Recorder()
    queue(1)
    OutboxMessage.update(next_attempt_at=now() + timedelta(minutes=5)).execute()
    with smtp_server(recorder) as config:
        app.config.update(config)
        deliver_queued()
        assert recorder.messages == []
        OutboxMessage.update(next_attempt_at=now() - timedelta(seconds=1)).execute()
        deliver_queued()
    assert len(recorder.messages) == 1 and _statuses() == {"lid0@example.org": "sent"}


def test_the_wait_doubles_per_attempt_up_to_a_limit(app):
    app.config.update(MAIL_RETRY_FIRST=timedelta(minutes=2), MAIL_RETRY_LONGEST=timedelta(hours=6))
    delays = [retry_delay(attempt) for attempt in (1, 2, 3, 4, 20)]
    assert delays[:4] == [timedelta(minutes=m) for m in (2, 4, 8, 16)]
    assert delays[4] == timedelta(hours=6)


def test_after_the_last_attempt_a_message_is_failed_and_stays_visible(
    app, client, make_user, login
):
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=free_port(), MAIL_MAX_ATTEMPTS=3)
    queue(1)
    for _ in range(3):
        OutboxMessage.update(next_attempt_at=None).execute()
        deliver_queued()
    message = OutboxMessage.get()
    assert message.status == "failed" and message.attempts == 3
    login(make_user("projectleider"))
    page = client.get("/beheer/outbox?status=failed").get_data(as_text=True)
    assert "Bericht 0" in page and "mislukt" in page.lower()


def test_mail_requeue_sends_failed_messages_again(app, runner):
    queue(2)
    OutboxMessage.update(status="failed", attempts=8, last_error="weg").execute()
    result = runner.invoke(args=["mail", "requeue"])
    assert result.exit_code == 0 and "2 failed" in result.output
    recorder = Recorder()
    with smtp_server(recorder) as config:
        app.config.update(config)
        result = runner.invoke(args=["mail", "send"])
    assert "sent: 2" in result.output and set(_statuses().values()) == {"sent"}


def test_a_subject_with_a_line_break_fails_alone(app):
    recorder = Recorder()
    queue(1, subject="Hallo\r\nBcc: iedereen@example.org")
    queue(1, to="ander@example.org")
    with smtp_server(recorder) as config:
        app.config.update(config)
        deliver_queued()
    assert _statuses() == {"lid0@example.org": "failed", "ander@example.org": "sent"}
    assert [e.rcpt_tos for e in recorder.messages] == [["ander@example.org"]]


def test_queued_mail_records_its_kind(app, make_user):
    from intranet.db import db

    with db.atomic():
        mail.queue(
            "a@example.org", "Onderwerp", "confirm_email", user=make_user(), link="x", days=7
        )
    assert OutboxMessage.get().kind == "confirm_email"
