"""E-mail: queued in the transaction that causes it, delivered after commit, never lost.

A message is plain text, optionally with an HTML alternative (`html_template`), extra
headers (`headers`, e.g. List-Unsubscribe) and one text attachment (`attachment`, a
(filename, text) pair such as an .ics); mail_delivery.build turns it into MIME.
"""

import json
from urllib.parse import urlsplit

import click
from flask import current_app, g
from peewee import chunked

from intranet.clock import now
from intranet.db import db
from intranet.mail_delivery import deliver_queued, requeue, retry_stalled
from intranet.models import OutboxMessage, User
from intranet.redaction import redact

__all__ = [
    "deliver_queued",
    "external_url",
    "queue",
    "queue_many",
    "redact",
    "render",
    "retry_stalled",
]


def external_url(endpoint, **values):
    """An absolute URL for an e-mail, always on BASE_URL (never the request's Host header)."""
    base = urlsplit(current_app.config["BASE_URL"])
    adapter = current_app.url_map.bind(
        base.netloc, script_name=base.path or "/", url_scheme=base.scheme
    )
    return adapter.build(endpoint, values, force_external=True)


def render(template, **context):
    """A mail body from templates/mail/TEMPLATE.txt (without the page context processors)."""
    return current_app.jinja_env.get_template(f"mail/{template}.txt").render(**context)


def render_html(template, **context):
    """An HTML body from templates/mail/TEMPLATE.html (autoescaped)."""
    return current_app.jinja_env.get_template(f"mail/{template}.html").render(**context)


def _extras(context, html_template=None, headers=None, attachment=None):
    """The outbox columns beyond the plain text: HTML part, headers, attachment."""
    name, content = attachment or ("", "")
    return {
        "html": render_html(html_template, **context) if html_template else "",
        "headers": json.dumps(headers) if headers else "",
        "attachment_name": name,
        "attachment": content,
    }


def queue(to, subject, template, *, html_template=None, headers=None, attachment=None, **context):
    """Queue a message; it leaves right after the transaction commits (or with tick)."""
    message = OutboxMessage.create(
        to=to,
        subject=subject,
        body=render(template, **context),
        kind=template,
        **_extras(context, html_template, headers, attachment),
    )
    _deliver_after_commit(message.id)
    return message


class _Batch:
    """The messages one transaction queued: delivered together once it commits."""

    def __init__(self, transaction):
        self.transaction, self.ids = transaction, []

    def deliver(self):
        self.transaction = None  # sent off: a later message starts a batch of its own
        deliver_queued(self.ids)


def _deliver_after_commit(message_id):
    transaction = db.top_transaction()
    if transaction is None:  # no transaction: the message is stored already
        deliver_queued([message_id])
        return
    batch = g.get("mail_batch")
    if batch is None or batch.transaction is not transaction:
        batch = g.mail_batch = _Batch(transaction)
        db.after_commit(batch.deliver)
    batch.ids.append(message_id)


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
            "body": render(template, **context),
            "kind": template,
            "status": "queued",
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


@mail_cli.command("requeue")
@click.argument("ids", nargs=-1, type=int)
def requeue_command(ids):
    """Send failed messages again: these IDS, or every failed message."""
    count = requeue(list(ids) if ids else None)
    click.echo(f"{count} failed message(s) queued again")


def queue_group(group, subject, template, **context):
    """Queue a message to every active member of a group (projectleider, regiegroep, ...)."""
    for user in User.in_group(group):
        queue(user.email, subject, template, user=user, **context)
