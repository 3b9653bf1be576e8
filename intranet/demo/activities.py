"""Demo data: partners' activities, one for each step of the review (published, waiting,
sent back with a reason), each with its timeline."""

from datetime import timedelta

from intranet.activities.models import Activity
from intranet.activities.reviewing import TRAIL
from intranet.clock import now, today
from intranet.demo.core import PROJECTLEIDER, contact_email
from intranet.models import Organisation, User
from intranet.workflows.models import AuditEvent
from intranet.workflows.states import ActivityState

S = ActivityState
# partner, title, audience, werkveld, days from now (first, last), link, description, state,
# the projectleider's reason when sent back
ACTIVITIES = [
    ("Naturalis Biodiversity Center", "Buitenlab: onderzoek in het Leidse groen",
     "leerlingen groep 5 tot en met 8", "PO", (21, 24), "https://www.naturalis.nl/onderwijs",
     "Vier dagen onderzoek met loep en zoekkaart in de Hortus en het Van der Werfpark; de "
     "klas maakt er een eigen veldgids van.", S.PUBLISHED, ""),
    ("Museum Boerhaave", "Techniekdag voor docenten", "docenten natuur en techniek", "VO",
     (35, None), "https://www.rijksmuseumboerhaave.nl",
     "Een middag proeven in het museumlab, met lesmateriaal om mee te nemen.", S.PUBLISHED, ""),
    ("Naturalis Biodiversity Center", "Museumnacht voor docenten", "docenten VO",
     "VO", (50, None), "", "Een avond achter de schermen van de collectie.", S.SUBMITTED, ""),
    ("Naturalis Biodiversity Center", "Zomerschool biologie", "leerlingen havo en vwo", "VO",
     (200, 204), "", "Een week veldwerk.", S.RETURNED,
     "Wilt u nog vermelden voor welke leerjaren de zomerschool is en wat ze kost?"),
]  # fmt: skip
REVIEWS = {S.PUBLISHED: "publiceren", S.RETURNED: "terugsturen"}  # the projectleider's step


def seed():
    """Create the demo activities if there are none yet (idempotent)."""
    if Activity.select().exists():
        return
    leader = User.by_email(PROJECTLEIDER[1])
    for name, title, audience, werkveld, days, link, text, state, reason in ACTIVITIES:
        organisation = Organisation.get(Organisation.name == name)
        contact = User.by_email(contact_email(name))
        first, last = days
        activity = Activity.create(
            organisation=organisation,
            submitted_by=contact,
            title=title,
            audience=audience,
            werkveld=werkveld,
            starts_on=today() + timedelta(days=first),
            ends_on=None if last is None else today() + timedelta(days=last),
            link=link,
            description=text,
            state=state,
            published_at=now() if state == S.PUBLISHED else None,
        )
        _timeline(activity, contact, leader, reason)


def _timeline(activity, contact, leader, reason):
    AuditEvent.write(TRAIL, activity.id, None, S.SUBMITTED, "indienen", contact, contact.name)
    if activity.state in REVIEWS:
        trigger = REVIEWS[activity.state]
        AuditEvent.write(
            TRAIL, activity.id, S.SUBMITTED, activity.state, trigger, leader, leader.name, reason
        )
