"""Demo data: published news and good-practice stories (one with an image), one concept,
a newsletter sent to PO and a concept (with the partners' published activities)."""

import io
from datetime import timedelta

from PIL import Image
from werkzeug.datastructures import FileStorage

from intranet.activities.models import Activity
from intranet.clock import now
from intranet.demo.core import PROJECTLEIDER
from intranet.models import User
from intranet.network.models import Network
from intranet.news import images
from intranet.news.models import NewsItem
from intranet.newsletters.models import VERZONDEN, Newsletter

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
    picture = _picture()
    for number, (kind, title, summary, body, thema, slug, werkvelden, days) in enumerate(STORIES):
        item = NewsItem.create(
            kind=kind,
            title=title,
            summary=summary,
            body=body,
            hoofdthema=thema,
            network=networks.get(slug),
            werkvelden=werkvelden,
            published_at=None if days is None else now() - timedelta(days=days),
            created_by=leader.id if leader else None,
            image=picture if number == 0 else "",
            image_alt="Leerlingen met loepen in het gras" if number == 0 else "",
        )
        if number == 0:
            first = item
    Newsletter.create(  # one sent last month, in the public archive
        subject="Nieuwsbrief PO, winter",
        introduction="Terugblik op de bijeenkomsten van de winter.",
        werkvelden="PO",
        news_ids=str(first.id),
        state=VERZONDEN,
        sent_at=now() - timedelta(days=30),
        created_by=leader.id if leader else None,
    )
    Newsletter.create(
        subject="Nieuwsbrief PO",
        introduction="Wat er dit voorjaar gebeurt in het primair onderwijs.",
        werkvelden="PO",
        news_ids=str(first.id),
        activity_ids=" ".join(str(activity.id) for activity in Activity.published()),
        created_by=leader.id if leader else None,
    )


def _picture():
    """A small green picture, stored as an uploaded image is (checked by its content)."""
    data = io.BytesIO()
    Image.new("RGB", (64, 40), (46, 125, 50)).save(data, format="PNG")
    data.seek(0)
    return images.store(FileStorage(stream=data, filename="buitenlab.png"))
