"""The Atom feed of published news (feedgen)."""

from datetime import UTC

from feedgen.feed import FeedGenerator

from intranet.mail import external_url

FEED_LENGTH = 30


def atom(items, name):
    """The newest published items as an Atom document (bytes)."""
    feed = FeedGenerator()
    feed.id(external_url("news.index"))
    feed.title(f"Nieuws van {name}")
    feed.link(href=external_url("news.index"), rel="alternate")
    feed.link(href=external_url("news.feed_atom"), rel="self")
    feed.language("nl")
    for item in reversed(items[:FEED_LENGTH]):  # feedgen puts the last added first
        entry = feed.add_entry()
        url = external_url("news.show", item_id=item.id)
        entry.id(url)
        entry.link(href=url)
        entry.title(item.title)
        entry.summary(item.summary or item.title)
        entry.published(item.published_at.replace(tzinfo=UTC))
        entry.updated(item.published_at.replace(tzinfo=UTC))
        entry.category(term=item.kind, label=item.kind_label)
    if not items:
        feed.updated(None)
    return feed.atom_str(pretty=True)
