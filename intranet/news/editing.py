"""Writing and publishing news: every change on the item's timeline."""

from intranet.clock import now
from intranet.db import write_transaction
from intranet.news import images
from intranet.news.models import NewsItem
from intranet.refusals import Refused
from intranet.workflows.definition import SYSTEM
from intranet.workflows.models import AuditEvent
from intranet.workflows.states import MeetingState

TRAIL = "nieuws"


def _record(actor, item, what, comment=""):
    label = actor.name if actor is not None else SYSTEM
    AuditEvent.write(TRAIL, item.id, None, what, what, actor, label, comment, {})


def save(form, actor, item=None):
    """Create or change an item from a valid form (the image checked and stored first)."""
    upload = form.image.data
    image = images.store(upload) if upload else None
    with write_transaction():
        item = item or NewsItem(created_by=actor.id)
        item.kind, item.title = form.kind.data, form.title.data
        item.summary, item.body = form.summary.data, form.body.data
        item.hoofdthema, item.network = form.hoofdthema.data or "", form.network_id
        item.werkvelden = " ".join(sorted(set(form.werkvelden.data or [])))
        if image:
            item.image = image
        item.image_alt = form.image_alt.data if item.image else ""
        created = item.id is None
        item.save()
        _record(actor, item, "aangemaakt" if created else "gewijzigd")
    return item


def publish(item_id, actor):
    """Publish a concept; a published item is refused as already handled."""
    with write_transaction():
        updated = (
            NewsItem.update(published_at=now())
            .where(NewsItem.id == item_id, NewsItem.published_at.is_null())
            .execute()
        )
        if not updated:
            raise Refused("Dit bericht is al gepubliceerd.", 409)
        item = NewsItem.get_by_id(item_id)
        _record(actor, item, MeetingState.PUBLISHED)  # the word a meeting's timeline uses
    return item
