"""E-mail: queued in the transaction that causes it, delivered outside every request.

A request only writes the message (in its transaction, so a rollback takes it back); `mail
work` (intranet-mail.service) sends it within seconds of the commit, and `workflows tick`
sends whatever is left. No page ever waits for an SMTP server, and a request answers the
same whether or not it queued a mail.

A message is plain text, optionally with an HTML alternative (`html_template`), extra
headers (`headers`, e.g. List-Unsubscribe, or a Reply-To of its own: the person who wrote
it, before its kind's) and one attachment (`attachment`, "maker:reference",
made when the message is sent by a maker app.py lists); mail_delivery.build turns it into MIME.
"""

import json
import logging
import signal
import threading
from urllib.parse import urlsplit

import click
from flask import current_app
from peewee import Value, chunked

from intranet.clock import now
from intranet.db import close_connection
from intranet.mail_delivery import deliver_queued, release_expired, requeue
from intranet.models import OutboxMessage, User
from intranet.redaction import redact

__all__ = [
    "deliver_queued",
    "external_url",
    "queue",
    "queue_many",
    "redact",
    "release_expired",
    "render",
]


def external_url(endpoint, **values):
    """An absolute URL for an e-mail, always on BASE_URL (never the request's Host header)."""
    base = urlsplit(current_app.config["BASE_URL"])
    adapter = current_app.url_map.bind(
        base.netloc, script_name=base.path or "/", url_scheme=base.scheme
    )
    return adapter.build(endpoint, values, force_external=True)


def render(template, **context):
    """A mail body from templates/mail/TEMPLATE.txt (without the page context processors);
    `reply_to` is the address a reply to this kind reaches (the footer names it), if any."""
    context = {"reply_to": current_app.config["MAIL_REPLY_TO"].get(template), **context}
    return current_app.jinja_env.get_template(f"mail/{template}.txt").render(**context)


def _first_status():
    """Queued for a sender; without MAIL_SERVER kept in the outbox (stored) at once."""
    if current_app.config["MAIL_SERVER"]:
        return {"status": "queued", "sent_at": None}
    return {"status": "stored", "sent_at": now()}


def render_html(template, **context):
    """An HTML body from templates/mail/TEMPLATE.html (autoescaped)."""
    return current_app.jinja_env.get_template(f"mail/{template}.html").render(**context)


def _replying(context, headers):
    """The context with the address a reply reaches when the message names its own (a
    Reply-To header: the person who wrote it), for the footer to say so."""
    own = (headers or {}).get("Reply-To")
    return {**context, "reply_to": own} if own else context


def _extras(context, html_template=None, headers=None, attachment=""):
    """The outbox columns beyond the plain text: HTML part, headers, attachment."""
    return {
        "html": render_html(html_template, **context) if html_template else None,
        "headers": json.dumps(headers) if headers else None,
        "attachment": attachment,
    }


def queue(to, subject, template, *, html_template=None, headers=None, attachment="", **context):
    """Queue a message in the caller's transaction; a sender outside the request sends it.

    `attachment` ("maker:reference", e.g. "factuur:12") names a file that is made when the
    message is sent (the makers are listed in app.py).
    """
    context = _replying(context, headers)
    return OutboxMessage.create(
        to=to,
        subject=subject,
        body=render(template, **context),
        kind=template,
        **_extras(context, html_template, headers, attachment),
        **_first_status(),
    )


def queue_many(messages):
    """Queue many messages in bulk: an iterable of (to, subject, template, context), or
    (to, subject, template, context, extras) where extras names `html_template`, `headers`
    or `attachment` as `queue` takes them.

    They are written in a few INSERTs and left for the next `workflows tick` to deliver,
    so a request that writes thousands of messages does not also send them. The templates
    render without the page context processors (a mail needs none, and they may query).
    """
    rows = [
        {
            "to": to,
            "subject": subject,
            "body": render(template, **_replying(context, (extras or [{}])[0].get("headers"))),
            "kind": template,
            "status": "queued",  # tick sends (or, without MAIL_SERVER, keeps) them
            "created_at": now(),
            **_extras(context, **(extras[0] if extras else {})),
        }
        for to, subject, template, context, *extras in messages
    ]
    for batch in chunked(rows, 200):
        OutboxMessage.insert_many(batch).execute()
    return len(rows)


@click.group("mail")
def mail_cli():
    """The outbox: deliver now, or send failed messages again."""


@mail_cli.command("send")
def send_command():
    """Deliver every queued e-mail that is due now (tick does this too)."""
    counts = deliver_queued()
    click.echo(", ".join(f"{outcome}: {count}" for outcome, count in counts.items()))


@mail_cli.command("work")
@click.option("--every", type=float, help="Seconds between looks (MAIL_POLL_SECONDS).")
def work_command(every):
    """Send queued e-mail as it comes, until stopped (intranet-mail.service runs this)."""
    interval = every or current_app.config["MAIL_POLL_SECONDS"]
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    logger = logging.getLogger("intranet.mail")
    logger.info("mail worker started, every %ss", interval)
    while not stop.is_set():
        busy = False
        try:
            release_expired()
            counts = deliver_queued()
            busy = sum(counts.values()) >= current_app.config["MAIL_BATCH_SIZE"]
        except Exception:  # the database or anything else away: log, wait, try again
            logger.exception("mail worker: a round failed")
        finally:
            close_connection()  # back to the pool between rounds
        if not busy:
            stop.wait(interval)
    logger.info("mail worker stopped")


@mail_cli.command("requeue")
@click.argument("ids", nargs=-1, type=int)
def requeue_command(ids):
    """Send failed messages again: these IDS, or every failed message."""
    count = requeue(list(ids) if ids else None)
    click.echo(f"{count} failed message(s) queued again")


def queue_for(people, subject, template, **context):
    """Queue one message, the same for everyone, to each person of a User query, in a single
    INSERT ... SELECT (left for the next tick, like queue_many); returns nothing."""
    body = render(template, **context)
    rows = people.select(
        User.email,
        Value(subject),
        Value(body),
        Value(template),
        Value("queued"),
        Value(0),
        Value(""),
        Value(""),
        Value(now()),
    )
    OutboxMessage.insert_from(
        rows,
        [
            OutboxMessage.to,
            OutboxMessage.subject,
            OutboxMessage.body,
            OutboxMessage.kind,
            OutboxMessage.status,
            OutboxMessage.attempts,
            OutboxMessage.last_error,
            OutboxMessage.attachment,
            OutboxMessage.created_at,
        ],
    ).execute()


def queue_group(group, subject, template, **context):
    """Queue a message to every active member of a group (projectleider, regiegroep, ...)."""
    for user in User.in_group(group):
        queue(user.email, subject, template, user=user, **context)
