"""The outbox as tests fill and read it: messages queued in bulk, the mails to an address,
and the links in them."""

import re

from intranet.models import OutboxMessage


def queue(count=1, to="lid{n}@example.org", subject="Bericht {n}", body="Hallo Zoë {n}", **fields):
    """Put `count` messages in the outbox at once ({n} in the address, subject and body
    numbers them from 0); other fields (status, kind, created_at, ...) as given."""
    rows = [
        {"to": to.format(n=n), "subject": subject.format(n=n), "body": body.format(n=n), **fields}
        for n in range(count)
    ]
    OutboxMessage.insert_many(rows).execute()


def mails_to(email, subject_part=""):
    """The e-mails to an address whose subject contains the text (any case), oldest first."""
    query = OutboxMessage.select().where(OutboxMessage.to == email).order_by(OutboxMessage.id)
    return [m for m in query if subject_part.casefold() in m.subject.casefold()]


def links_to(address, fragment):
    """The links in the mails to an address that contain a fragment."""
    bodies = OutboxMessage.select().where(OutboxMessage.to == address).order_by(OutboxMessage.id)
    return [
        link
        for message in bodies
        for link in re.findall(r"https?://\S+", message.body)
        if fragment in link
    ]


def link_paths(address, fragment):
    """The paths (without scheme and host) of the links to an address that contain a
    fragment, oldest first."""
    return [re.sub(r"^https?://[^/]+", "", link) for link in links_to(address, fragment)]
