"""The outbox as tests read it."""

from intranet.models import OutboxMessage


def mails_to(email, subject_part=""):
    """The e-mails to an address whose subject contains the text (any case), oldest first."""
    query = OutboxMessage.select().where(OutboxMessage.to == email).order_by(OutboxMessage.id)
    return [m for m in query if subject_part.casefold() in m.subject.casefold()]
