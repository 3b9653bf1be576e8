"""A message with an HTML part, extra headers and an attachment arrives as one MIME message."""

from email import message_from_bytes, policy

from intranet.mail_delivery import deliver_queued
from intranet.models import OutboxMessage
from tests.support.network_support import draft


def _received(recorder):
    return message_from_bytes(recorder.messages[0].original_content, policy=policy.default)


def test_html_alternative_headers_and_attachment_travel_together(app, smtp, leader):
    meeting = draft(leader)
    OutboxMessage.create(
        to="zoe@example.org",
        subject="Nieuwsbrief",
        body="Hallo Zoë, platte tekst",
        html="<p>Hallo <strong>Zoë</strong></p>",
        headers='{"List-Unsubscribe": "<https://x.example/afmelden/abc>"}',
        attachment=f"bijeenkomst:{meeting.id}",
    )
    deliver_queued()
    email = _received(smtp)
    assert email["List-Unsubscribe"] == "<https://x.example/afmelden/abc>"
    assert email.get_body(("plain",)).get_content().strip() == "Hallo Zoë, platte tekst"
    assert "<strong>Zoë</strong>" in email.get_body(("html",)).get_content()
    (attachment,) = list(email.iter_attachments())
    assert attachment.get_filename() == "bijeenkomst.ics"
    assert attachment.get_content_type() == "text/calendar"
    assert b"BEGIN:VCALENDAR" in attachment.get_payload(decode=True)


def test_a_sent_message_keeps_no_html_or_headers_with_personal_links(app, smtp):
    OutboxMessage.create(
        to="zoe@example.org",
        subject="Nieuwsbrief",
        body="tekst",
        html="<p>html</p>",
        headers='{"List-Unsubscribe": "<https://x.example/afmelden/abc>"}',
    )
    deliver_queued()
    message = OutboxMessage.get()
    assert message.status == "sent" and not message.html and not message.headers


def test_a_plain_message_stays_plain_text(app, smtp):
    OutboxMessage.create(to="zoe@example.org", subject="Gewoon", body="alleen tekst")
    deliver_queued()
    email = _received(smtp)
    assert email.get_content_type() == "text/plain"
    assert not list(email.iter_attachments())
