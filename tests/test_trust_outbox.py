"""The outbox says a personal link was sent and to whom, never the link itself."""

import re

from intranet.mail_delivery import deliver_queued
from intranet.models import OutboxMessage
from intranet.redaction import redact

RESET = "/wachtwoord-herstellen/"


def test_the_projectleider_cannot_read_a_reset_link_in_the_outbox(app, client, make_user, login):
    voorzitter = make_user("regiegroep", voorzitter=True)
    app.test_client().post("/wachtwoord-vergeten", data={"email": voorzitter.email})
    message = OutboxMessage.get(OutboxMessage.to == voorzitter.email)
    assert RESET in message.body  # kept for delivery (no SMTP server here)
    login(make_user("projectleider"))
    page = client.get(f"/beheer/outbox/{message.id}").get_data(as_text=True)
    assert RESET not in page and "herstellen" not in page
    assert f"persoonlijke link, alleen verstuurd aan {voorzitter.email}" in page
    assert RESET not in client.get("/beheer/outbox").get_data(as_text=True)


def test_a_sent_message_keeps_no_usable_link(app, client, make_user, smtp):
    user = make_user()
    client.post("/wachtwoord-vergeten", data={"email": user.email})
    deliver_queued()
    assert RESET.encode() in smtp.messages[0].content  # the receiver got the link
    message = OutboxMessage.get()
    assert message.status == "sent"
    assert RESET not in message.body and user.email in message.body


def test_redaction_keeps_links_without_a_token(app):
    body = "Zie http://localhost/partners/3 en http://localhost/wachtwoord-herstellen/abc.def.ghi"
    redacted = redact(body, "a@example.org")
    assert "http://localhost/partners/3" in redacted
    assert not re.search(r"herstellen/\S", redacted)
