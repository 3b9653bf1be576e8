"""Demo data: published news and good-practice stories, and one concept."""

from datetime import timedelta

from intranet.clock import now
from intranet.demo.core import PROJECTLEIDER
from intranet.models import User
from intranet.network.models import Network
from intranet.news.models import NewsItem

# kind, title, summary, body, hoofdthema, network slug, werkvelden, days ago (None: concept)
STORIES = [
    ("goede_praktijk", "Buitenlab: leren over de natuur",
     "Leerlingen van drie basisscholen onderzoeken samen met Naturalis het Leidse groen.",
     "Elke dinsdag gaan groepen 6 naar buiten.\n\n- waarnemen\n- **samen** verklaren",
     "motivatie", "duurzaamheid", "PO", 3),
    ("nieuws", "Verkenners ontmoet verkenners",
     "Terugblik op de netwerkbijeenkomst van 7 april: zichtlijnen en dwarslijnen in gesprek.",
     "Ruim zestig professionals spraken over de vraag hoe elk kind zijn talent ontdekt.",
     "overgang", "talentontwikkeling", "PO VO", 10),
    ("goede_praktijk", "Onderwijs op maat in het VO",
     "Het Marecollege laat leerlingen hun eigen leerroute kiezen.",
     "Een leerroute per leerling, met een coach.", "maatwerk", None, "VO", 20),
    ("nieuws", "Oproep: bijdragen voor het LEFtival", "Concept.", "Nog niet af.", "", None,
     "", None),
]  # fmt: skip


def seed():
    """Create the demo stories if there are none yet (idempotent)."""
    if NewsItem.select().exists():
        return
    leader = User.by_email(PROJECTLEIDER[1])
    networks = {network.slug: network.id for network in Network.select()}
    for kind, title, summary, body, thema, slug, werkvelden, days in STORIES:
        NewsItem.create(
            kind=kind,
            title=title,
            summary=summary,
            body=body,
            hoofdthema=thema,
            network=networks.get(slug),
            werkvelden=werkvelden,
            published_at=None if days is None else now() - timedelta(days=days),
            created_by=leader.id if leader else None,
        )
