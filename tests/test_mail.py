"""Mail is queued by the request and sent outside it, through a real SMTP server; a failed
send is retried."""

import pytest

from intranet import mail
from intranet.db import db
from intranet.models import OutboxMessage, User
from tests.support.smtp_server import Recorder, free_port, smtp_server


def test_password_reset_mail_arrives_over_smtp(client, make_user, smtp):
    user = make_user()
    client.post("/wachtwoord-vergeten", data={"email": user.email})
    assert smtp.messages == [] and OutboxMessage.get().status == "queued"  # the request queues
    assert mail.deliver_queued()["sent"] == 1  # the sender (mail work, tick) sends
    assert len(smtp.messages) == 1
    envelope = smtp.messages[0]
    assert envelope.rcpt_tos == [user.email]
    assert b"/wachtwoord-herstellen/" in envelope.content
    assert OutboxMessage.get().status == "sent"


def test_mail_is_not_sent_when_the_transaction_rolls_back(app, smtp):
    with pytest.raises(RuntimeError), db.atomic():
        mail.queue(
            "a@example.org",
            "Onderwerp",
            "confirm_email",
            user=User(name="A", email="a@example.org"),
            link="x",
            days=7,
        )
        raise RuntimeError("the change failed")
    assert smtp.messages == [] and OutboxMessage.select().count() == 0


def test_failed_send_stays_queued_and_is_retried_when_due(app, make_user):
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=free_port())  # nobody listens
    with db.atomic():
        mail.queue(
            "a@example.org", "Onderwerp", "confirm_email", user=make_user(), link="x", days=7
        )
    assert OutboxMessage.get().attempts == 0  # queued only: the request never tries
    mail.deliver_queued()
    message = OutboxMessage.get()
    assert message.status == "queued" and message.attempts == 1 and message.last_error
    OutboxMessage.update(next_attempt_at=None).execute()  # its next attempt is due
    recorder = Recorder()
    with smtp_server(recorder) as config:
        app.config.update(config)
        mail.deliver_queued()
    assert OutboxMessage.get().status == "sent" and len(recorder.messages) == 1


def test_without_smtp_messages_stay_in_the_outbox(client, make_user, login):
    leader = make_user("projectleider")
    client.post("/wachtwoord-vergeten", data={"email": leader.email})
    assert OutboxMessage.get().status == "stored"
    login(leader)
    page = client.get("/beheer/outbox").get_data(as_text=True)
    assert "Nieuw wachtwoord instellen" in page
