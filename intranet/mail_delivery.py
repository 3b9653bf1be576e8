"""Delivering the outbox: one SMTP connection per batch, backoff per message, never stuck.

A message that the server refuses for good (5xx for its recipient, or a header that cannot be
written) is `failed` at once; anything temporary (4xx, the server down or gone mid-batch) is
tried again later, each time twice as late, until MAIL_MAX_ATTEMPTS; then it is `failed` and
stays in the outbox, where the projectleider (or `mail requeue`) can send it again.
"""

import json
import mimetypes
import smtplib
import ssl
from contextlib import suppress
from datetime import UTC
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, parseaddr

from flask import current_app

from intranet import logs
from intranet.clock import now
from intranet.models import MailAddress, OutboxMessage
from intranet.redaction import redact


class ServerUnavailable(Exception):
    """The SMTP server cannot be reached or dropped the connection: the batch stops here."""


def sender():
    """The From address: the network's name with MAIL_FROM's address."""
    config = current_app.config
    return Address(config["NETWORK_NAME"], addr_spec=parseaddr(config["MAIL_FROM"])[1])


def message_id(message):
    """A Message-ID that stays the same on every attempt of one outbox message."""
    domain = sender().domain or "localhost"
    return f"<outbox.{message.id}.{message.created_at:%Y%m%d%H%M%S%f}@{domain}>"


def build(message):
    """The e-mail for an outbox message: Date, Message-ID, From, plain UTF-8 text; with an
    HTML alternative, extra headers and an attachment when the message has them."""
    email = EmailMessage()
    email["From"] = sender()
    email["To"] = message.to
    email["Subject"] = message.subject
    email["Date"] = format_datetime(now().replace(tzinfo=UTC))
    email["Message-ID"] = message_id(message)
    reply_to = current_app.config["MAIL_REPLY_TO"].get(message.kind)
    if reply_to:
        email["Reply-To"] = reply_to
    for name, value in (json.loads(message.headers) if message.headers else {}).items():
        email[name] = value
    email.set_content(message.body, charset="utf-8")
    if message.html:
        email.add_alternative(message.html, subtype="html", charset="utf-8")
    if message.attachment_name:
        kind = mimetypes.guess_type(message.attachment_name)[0] or "text/plain"
        email.add_attachment(
            message.attachment.encode(),
            maintype=kind.split("/")[0],
            subtype=kind.split("/")[1],
            filename=message.attachment_name,
        )
    return email


class Connection:
    """One SMTP session for a batch, opened at the first message that needs it."""

    def __init__(self, config):
        self.config = config
        self.smtp = None

    def send(self, email):
        """Send one message; connection trouble raises ServerUnavailable."""
        if self.smtp is None:
            self._open()
        try:
            self.smtp.send_message(email)
        except smtplib.SMTPServerDisconnected as error:
            self._lost(error)
        except smtplib.SMTPResponseException as error:
            if error.smtp_code == 421:  # the server closes the session
                self._lost(error)
            raise  # about this message only
        except smtplib.SMTPException:
            raise  # about this message only (a refused recipient, say)
        except OSError as error:  # the connection broke (smtplib's errors are OSErrors too)
            self._lost(error)

    def _lost(self, error):
        self.close()
        raise ServerUnavailable(str(error) or type(error).__name__) from error

    def _open(self):
        """Connect, STARTTLS and log in as configured; any trouble is ServerUnavailable."""
        config = self.config
        try:
            self.smtp = smtplib.SMTP(
                config["MAIL_SERVER"], config["MAIL_PORT"], timeout=config["MAIL_TIMEOUT"]
            )
            if config["MAIL_USE_TLS"]:
                self.smtp.starttls(
                    context=ssl.create_default_context(cafile=config["MAIL_CA_FILE"])
                )
            if config["MAIL_USERNAME"]:
                self.smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"])
        except OSError as error:  # refused, timed out, TLS or login failed
            self._lost(error)

    def close(self):
        """Say goodbye to the server (quietly if it is already gone)."""
        if self.smtp is not None:
            with suppress(OSError):
                self.smtp.quit()
            self.smtp = None


def _claim(message_id_):
    """Take a queued message for this worker; None if another worker has it."""
    claimed = (
        OutboxMessage.update(status="sending", attempts=OutboxMessage.attempts + 1)
        .where(OutboxMessage.id == message_id_, OutboxMessage.status == "queued")
        .execute()
    )
    return OutboxMessage.get_by_id(message_id_) if claimed else None


def retry_delay(attempts):
    """How long to wait after this many failed attempts: doubling, capped."""
    config = current_app.config
    delay = config["MAIL_RETRY_FIRST"] * 2 ** max(attempts - 1, 0)
    return min(delay, config["MAIL_RETRY_LONGEST"])


def _mark(message, status, error=""):
    message.status = status
    message.last_error = error
    message.sent_at = now() if status in {"sent", "stored"} else None
    message.next_attempt_at = None
    if status == "sent":  # delivered: its links are the receiver's alone from now on
        message.body = redact(message.body, message.to)
        message.html = message.headers = ""  # their personal links too (the text part stays)
    message.save(
        only=[
            OutboxMessage.body,
            OutboxMessage.html,
            OutboxMessage.headers,
            OutboxMessage.status,
            OutboxMessage.last_error,
            OutboxMessage.sent_at,
            OutboxMessage.next_attempt_at,
        ]
    )


def _retry_later(message, error):
    """Queue the message again with its next attempt time, or fail it after the last one."""
    if message.attempts >= current_app.config["MAIL_MAX_ATTEMPTS"]:
        _failed(message, error)
        return
    _mark(message, "queued", error)
    message.next_attempt_at = now() + retry_delay(message.attempts)
    message.save(only=[OutboxMessage.next_attempt_at])
    logs.event("mail_retry", message_id=message.id, attempts=message.attempts, error=error)


def _failed(message, error):
    _mark(message, "failed", error)
    logs.event("mail_failed", message_id=message.id, attempts=message.attempts, error=error)


def _is_permanent(error):
    codes = [code for code, _ in getattr(error, "recipients", {}).values()]
    code = getattr(error, "smtp_code", None)
    return all(c >= 500 for c in codes or [code or 0]) and bool(codes or code)


def _deliver_one(connection, message):
    """Send one claimed message; only a server that is unreachable stops the batch."""
    try:
        email = build(message)
    except (ValueError, TypeError) as error:  # a header that cannot be written safely
        _failed(message, f"onverzendbaar: {error}")
        return
    try:
        connection.send(email)
    except smtplib.SMTPException as error:
        if _is_permanent(error):
            _failed(message, str(error))
            MailAddress.bounce(message.to, str(error))  # a hard bounce: no more newsletters
        else:
            _retry_later(message, str(error))
        return
    _mark(message, "sent")
    logs.event("mail_sent", message_id=message.id, kind=message.kind)


def deliver_queued(ids=None):
    """Deliver due queued messages (these ids, or all): by SMTP when configured, else keep them.

    Returns {outcome: count}. One connection serves the whole batch; a message that fails
    never stops the others, and a server that is down leaves every message queued with its
    next attempt time.
    """
    config = current_app.config
    # Read the ids first: an open SQLite cursor pins a snapshot, and writing while another
    # connection commits would then fail at once with "database is locked".
    due = [
        row for (row,) in OutboxMessage.due(now(), ids).limit(config["MAIL_BATCH_SIZE"]).tuples()
    ]
    counts = {"sent": 0, "stored": 0, "retry": 0, "failed": 0}
    if not config["MAIL_SERVER"]:  # no server: the outbox keeps them, in one statement
        counts["stored"] = (
            OutboxMessage.update(status="stored", sent_at=now(), next_attempt_at=None)
            .where(OutboxMessage.id.in_(due), OutboxMessage.status == "queued")
            .execute()
            if due
            else 0
        )
        return counts
    connection = Connection(config)
    down = None
    try:
        for message_id_ in due:
            message = _claim(message_id_)
            if message is None:
                continue  # another worker has it
            if down is not None:
                _retry_later(message, down)
            else:
                try:
                    _deliver_one(connection, message)
                except ServerUnavailable as error:
                    down = f"server niet bereikbaar: {error}"
                    _retry_later(message, down)
            counts[_outcome(message)] += 1
    finally:
        connection.close()
    return counts


def _outcome(message):
    if message.status == "queued":
        return "retry"
    return message.status


def retry_stalled(older_than):
    """Put messages stuck in 'sending' (a worker died mid-send) back in the queue."""
    return (
        OutboxMessage.update(status="queued")
        .where(OutboxMessage.status == "sending", OutboxMessage.created_at < older_than)
        .execute()
    )


def requeue(ids=None):
    """Send failed messages again (these ids, or every failed one): a fresh set of attempts."""
    query = OutboxMessage.update(
        status="queued", attempts=0, next_attempt_at=None, last_error=""
    ).where(OutboxMessage.status == "failed")
    if ids is not None:
        query = query.where(OutboxMessage.id.in_(ids))
    count = query.execute()
    if count:
        logs.event("mail_requeued", count=count)
    return count
