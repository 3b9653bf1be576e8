"""Delivering the outbox: one SMTP connection per batch, backoff per message, never stuck.

Delivery never runs inside a request: `mail work` (intranet-mail.service) and `workflows tick`
send what is queued. A sender claims each message with a lease (a random claim and its
moment) before sending it and marks it only while it still holds that claim; a claim older
than MAIL_CLAIM_LEASE (a sender that died) is released and the message queued again. So two
senders that overlap (ticks on two servers, `mail send` by hand) send each message once.

A message that the server refuses for good (5xx for its recipient, or a header that cannot be
written) is `failed` at once; anything temporary (4xx, the server down or gone mid-batch) is
tried again later, each time twice as late, until MAIL_MAX_ATTEMPTS; then it is `failed` and
stays in the outbox, where the projectleider (or `mail requeue`) can send it again.
"""

import json
import logging
import secrets
import smtplib
import ssl
from contextlib import suppress
from datetime import UTC
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, parseaddr

from flask import current_app
from peewee import fn

from intranet import logs
from intranet.clock import now
from intranet.models import MailAddress, OutboxMessage
from intranet.redaction import redact

# Headers the outbox itself writes; a message's own `headers` may not replace them, except a
# Reply-To of its own (the person who wrote it), which goes before its kind's (MAIL_REPLY_TO).
OWN_HEADERS = {"from", "to", "cc", "bcc", "subject", "date", "message-id", "reply-to"}
OWN_REPLY_TO = "Reply-To"


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
    headers = json.loads(message.headers or "{}")
    reply_to = headers.pop(OWN_REPLY_TO, None) or current_app.config["MAIL_REPLY_TO"].get(
        message.kind
    )
    if reply_to:
        email["Reply-To"] = reply_to
    for name, value in headers.items():
        if name.lower() in OWN_HEADERS:
            raise ValueError(f"header {name} is not the message's to set")
        email[name] = value
    email.set_content(message.body, charset="utf-8")
    if message.html:
        email.add_alternative(message.html, subtype="html", charset="utf-8")
    if message.attachment:
        _attach(email, message.attachment)
    return email


def _attach(email, attachment):
    """Add the file an attachment ("maker:reference") names, made now by its maker (the app
    lists them); one that cannot be made leaves the message unsendable (ValueError)."""
    maker, _, reference = attachment.partition(":")
    make = current_app.extensions.get("mail_attachments", {}).get(maker)
    if make is None:
        raise ValueError(f"onbekende bijlage {maker!r}")
    filename, content_type, data = make(reference)
    maintype, _, subtype = content_type.partition("/")
    email.add_attachment(data, maintype=maintype, subtype=subtype, filename=filename)


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
        """Connect (implicit TLS, or STARTTLS) and log in as configured; any trouble is
        ServerUnavailable."""
        config = self.config
        address = (config["MAIL_SERVER"], config["MAIL_PORT"])
        try:
            if config["MAIL_USE_SSL"]:  # port 465: TLS from the first byte
                self.smtp = smtplib.SMTP_SSL(
                    *address, timeout=config["MAIL_TIMEOUT"], context=_tls_context(config)
                )
            else:
                self.smtp = smtplib.SMTP(*address, timeout=config["MAIL_TIMEOUT"])
            if config["MAIL_USE_TLS"] and not config["MAIL_USE_SSL"]:
                self.smtp.starttls(context=_tls_context(config))
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


def _tls_context(config):
    """Verify the server's certificate: the system's CAs, or MAIL_CA_FILE's."""
    return ssl.create_default_context(cafile=config["MAIL_CA_FILE"])


def _is_due(moment):
    return OutboxMessage.next_attempt_at.is_null() | (OutboxMessage.next_attempt_at <= moment)


def _claim(message_id_):
    """Take a due queued message with a lease of our own; None if another sender has it."""
    claim, moment = secrets.token_hex(16), now()
    claimed = (
        OutboxMessage.update(
            status="sending", attempts=OutboxMessage.attempts + 1, claim=claim, claimed_at=moment
        )
        .where(
            OutboxMessage.id == message_id_,
            OutboxMessage.status == "queued",
            _is_due(moment),
        )
        .execute()
    )
    if not claimed:
        return None
    message = OutboxMessage.get_by_id(message_id_)
    return message if message.claim == claim else None


def retry_delay(attempts):
    """How long to wait after this many failed attempts: doubling, capped."""
    config = current_app.config
    delay = config["MAIL_RETRY_FIRST"] * 2 ** max(attempts - 1, 0)
    return min(delay, config["MAIL_RETRY_LONGEST"])


def _mark(message, status, error="", next_attempt_at=None):
    """Record the attempt's outcome, only while our claim holds; False if it was lost."""
    changes = {
        OutboxMessage.status: status,
        OutboxMessage.last_error: error,
        OutboxMessage.sent_at: now() if status == "sent" else None,
        OutboxMessage.next_attempt_at: next_attempt_at,
        OutboxMessage.claim: None,
    }
    if status == "sent":  # delivered: its links are the receiver's alone from now on
        changes[OutboxMessage.body] = redact(message.body, message.to)
        changes[OutboxMessage.html] = None  # its links too; the plain text is the record
        changes[OutboxMessage.headers] = None
    held = (
        OutboxMessage.update(changes)
        .where(
            OutboxMessage.id == message.id,
            OutboxMessage.status == "sending",
            OutboxMessage.claim == message.claim,
        )
        .execute()
    )
    if not held:  # our lease ran out and another sender took the message over
        logs.event("mail_claim_lost", level=logging.WARNING, message_id=message.id)
        message.status = "lost"
        return False
    message.status, message.last_error = status, error
    return True


def _retry_later(message, error):
    """Queue the message again with its next attempt time, or fail it after the last one."""
    if message.attempts >= current_app.config["MAIL_MAX_ATTEMPTS"]:
        _failed(message, error)
        return
    later = now() + retry_delay(message.attempts)
    if _mark(message, "queued", error, next_attempt_at=later):
        logs.event(
            "mail_retry",
            level=logging.WARNING,
            message_id=message.id,
            attempts=message.attempts,
            error=error,
        )


def _failed(message, error):
    if _mark(message, "failed", error):
        logs.event(
            "mail_failed",
            level=logging.ERROR,
            message_id=message.id,
            attempts=message.attempts,
            error=error,
        )


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
    if _mark(message, "sent"):
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
    counts = {"sent": 0, "stored": 0, "retry": 0, "failed": 0, "lost": 0}
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


def release_expired(moment=None):
    """Queue again the messages whose sender's lease ran out (it died mid-send)."""
    moment = moment or now()
    expired = OutboxMessage.claimed_at.is_null() | (
        OutboxMessage.claimed_at < moment - current_app.config["MAIL_CLAIM_LEASE"]
    )
    count = (
        OutboxMessage.update(status="queued", claim=None)
        .where(OutboxMessage.status == "sending", expired)
        .execute()
    )
    if count:
        logs.event("mail_lease_expired", level=logging.WARNING, count=count)
    return count


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


def health(moment=None):
    """The outbox for /healthz: {"oldest_due_s", "failures"} and the problems, in words.

    `oldest_due_s`: how long the oldest message that is due has waited (None: none waits);
    `failures`: messages whose last attempt, within MAIL_ALERT_WINDOW, failed (refused,
    wrong password, a certificate that does not verify, the server away).
    """
    moment = moment or now()
    config = current_app.config
    due_since = fn.COALESCE(OutboxMessage.next_attempt_at, OutboxMessage.created_at)
    oldest = (
        OutboxMessage.select(OutboxMessage.created_at, OutboxMessage.next_attempt_at)
        .where(OutboxMessage.status == "queued", _is_due(moment))
        .order_by(due_since)
        .first()
    )
    waited = None
    if oldest is not None:
        since = oldest.next_attempt_at or oldest.created_at
        waited = max(0, int((moment - since).total_seconds()))
    failures = (
        OutboxMessage.select()
        .where(
            OutboxMessage.status.in_(["queued", "failed"]),
            OutboxMessage.last_error != "",
            OutboxMessage.claimed_at >= moment - config["MAIL_ALERT_WINDOW"],
        )
        .count()
    )
    problems = []
    if waited is not None and waited > config["MAIL_ALERT_AFTER"].total_seconds():
        problems.append(f"mail: het oudste bericht wacht al {waited // 60} minuten")
    if failures >= config["MAIL_ALERT_FAILURES"]:
        problems.append(f"mail: {failures} bericht(en) mislukt bij de laatste poging")
    return {"oldest_due_s": waited, "failures": failures}, problems
