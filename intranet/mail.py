"""E-mail: queued in the transaction that causes it, delivered after commit, never lost."""

import smtplib
from email.message import EmailMessage
from functools import partial

import click
from flask import current_app, has_request_context, url_for
from peewee import chunked

from intranet.clock import now
from intranet.db import db
from intranet.models import OutboxMessage, User


def external_url(endpoint, **values):
    """An absolute URL for an e-mail, inside or outside a request."""
    if has_request_context():
        return url_for(endpoint, _external=True, **values)
    with current_app.test_request_context(base_url=current_app.config["BASE_URL"]):
        return url_for(endpoint, _external=True, **values)


def render(template, **context):
    """A mail body from templates/mail/TEMPLATE.txt (without the page context processors)."""
    return current_app.jinja_env.get_template(f"mail/{template}.txt").render(**context)


def queue(to, subject, template, **context):
    """Queue a message; it leaves right after the transaction commits (or with tick)."""
    message = OutboxMessage.create(to=to, subject=subject, body=render(template, **context))
    db.after_commit(partial(deliver_queued, [message.id]))
    return message


def queue_many(messages):
    """Queue many messages in bulk: an iterable of (to, subject, template, context).

    They are written in a few INSERTs and left for the next `workflows tick` to deliver,
    so a request that writes thousands of messages does not also send them. The templates
    render without the page context processors (a mail needs none, and they may query).
    """
    rows = [
        {
            "to": to,
            "subject": subject,
            "body": render(template, **context),
            "status": "queued",
            "created_at": now(),
        }
        for to, subject, template, context in messages
    ]
    for batch in chunked(rows, 200):
        OutboxMessage.insert_many(batch).execute()
    return len(rows)


def deliver_queued(ids=None):
    """Deliver queued messages (these ids, or all): by SMTP when configured, else keep them."""
    config = current_app.config
    queued = OutboxMessage.select(OutboxMessage.id).where(OutboxMessage.status == "queued")
    if ids is not None:
        queued = queued.where(OutboxMessage.id.in_(ids))
    # Read the ids first: an open SQLite cursor pins a snapshot, and writing while another
    # connection commits would then fail at once with "database is locked".
    for (message_id,) in list(queued.tuples()):
        claimed = (
            OutboxMessage.update(status="sending", attempts=OutboxMessage.attempts + 1)
            .where(OutboxMessage.id == message_id, OutboxMessage.status == "queued")
            .execute()
        )
        if not claimed:
            continue  # another worker has it
        message = OutboxMessage.get_by_id(message_id)
        if not config["MAIL_SERVER"]:
            _mark(message, "stored")
            continue
        try:
            _send_smtp(message)
        except (OSError, smtplib.SMTPException) as error:
            failed = message.attempts >= config["MAIL_MAX_ATTEMPTS"]
            _mark(message, "failed" if failed else "queued", error=str(error))
            current_app.logger.warning("mail %s not sent: %s", message.id, error)
        else:
            _mark(message, "sent")


def _mark(message, status, error=""):
    message.status = status
    message.last_error = error
    message.sent_at = now() if status in {"sent", "stored"} else None
    message.save(only=[OutboxMessage.status, OutboxMessage.last_error, OutboxMessage.sent_at])


def _send_smtp(message):
    config = current_app.config
    email = EmailMessage()
    email["From"] = config["MAIL_FROM"]
    email["To"] = message.to
    email["Subject"] = message.subject
    email.set_content(message.body)
    with smtplib.SMTP(config["MAIL_SERVER"], config["MAIL_PORT"], timeout=10) as smtp:
        if config["MAIL_USE_TLS"]:
            smtp.starttls()
        if config["MAIL_USERNAME"]:
            smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"])
        smtp.send_message(email)


def retry_stalled(older_than):
    """Put messages stuck in 'sending' (a worker died mid-send) back in the queue."""
    return (
        OutboxMessage.update(status="queued")
        .where(OutboxMessage.status == "sending", OutboxMessage.created_at < older_than)
        .execute()
    )


@click.command("mail-send")
def send_command():
    """Deliver every queued e-mail now (tick does this too)."""
    deliver_queued()
    click.echo("queued mail delivered")


def queue_group(group, subject, template, **context):
    """Queue a message to every active member of a group (projectleider, regiegroep, ...)."""
    for user in User.in_group(group):
        queue(user.email, subject, template, user=user, **context)
