"""Demo data: LEF's networks, the April 2026 meeting and its programme, the LEFtival with its
call for contributions, meetings of earlier years with attendance, and jaargesprekken.

The texts come from the programme 'verkenners ontmoet verkenners' of 7 April 2026. The
LEFtival is on 7 October 2026; once that date has passed, the demo moves it to the next
7 October so its call for contributions stays open (its description says so).
"""

import secrets
from datetime import date, time, timedelta

from intranet.clock import now, today, utc
from intranet.deadlines import end_of
from intranet.demo.core import PROJECTLEIDER, contact_email
from intranet.models import Contact, Organisation, User
from intranet.network import contribution_workflow, jaargesprek, meeting_workflow
from intranet.network.models import (
    KOMT,
    KOMT_NIET,
    ONBEVESTIGD,
    Invitation,
    Meeting,
    Network,
    NetworkMember,
    ProgrammePart,
    Registration,
)
from intranet.network.netwerkjaar_workflow import ensure_year
from intranet.network.publishing import audience_ids, invite
from intranet.network.rsvp import answer
from intranet.schooljaar import schooljaar_of
from intranet.workflows import engine
from intranet.workflows.models import AuditEvent
from intranet.workflows.states import MeetingState

# slug, name, kind, central question, description, zichthouder (contact of this partner)
NETWORKS = [
    (
        "talentontwikkeling",
        "Talentontwikkeling",
        "zichtlijn",
        "Hoe ontdekt en ontwikkelt elk kind in de Leidse regio zijn talenten?",
        "De voortzetting van De Leidse Aanpak voor Talentontwikkeling (sinds 2022/2023).",
        "Hogeschool Leiden",
    ),
    (
        "brede-vorming",
        "Brede vorming",
        "zichtlijn",
        "Hoe kunnen we vanuit de ontmoeting met jonge mensen bijdragen aan hun vormingsproces?",
        "Samen met onze partners halen we op waar de behoeften liggen, en verbinden we mensen, "
        "ideeën en praktijken. Inclusief onderwijs en de nieuwe kerndoelen zien we als kansen.",
        "Museum Volkenkunde",
    ),
    (
        "anders-samenwerken",
        "Anders samenwerken",
        "zichtlijn",
        "Hoe maken we de impact van anders samenwerken zichtbaar?",
        "Samen staan we sterker: we bouwen aan een netwerk dat leert, beweegt en samen "
        "verschil maakt.",
        "Gemeente Leiden",
    ),
    (
        "innoveren-met-lef",
        "Innoveren met LEF",
        "dwarslijn",
        "Hoe houd je oog op de beweging die je wilt maken?",
        "Een tussenruimte om vragen te delen, elkaar te inspireren en te bouwen aan een netwerk "
        "dat je voedt.",
        "Scholengroep Leonardo Da Vinci",
    ),
    (
        "duurzaamheid",
        "Duurzaamheid",
        "dwarslijn",
        "Hoe kunnen we onze leerlingen voorbereiden op een duurzame toekomst?",
        "Kennisoverdracht en handelingsperspectief vanuit Hoopvolle Didactiek; van "
        "wereldburgerschap naar planetair burgerschap.",
        "Naturalis Biodiversity Center",
    ),
    (
        "welzijn",
        "Welzijn",
        "dwarslijn",
        "Hoe geven we preventie en een cultuur van welzijn een plek in en rond de school?",
        "Welzijn is van iedereen, op alle plekken en lagen in en rond het klaslokaal.",
        "GGD: CJG/JGZ",
    ),
    (
        "onderwijs-leidse-regio",
        "Onderwijs in de Leidse Regio",
        "dwarslijn",
        "Vind, verbind en versterk je onderwijs.",
        "Een levend platform waarop ontwikkelingen, projecten en het educatieve aanbod samenkomen.",
        "BplusC",
    ),
    (
        "ai",
        "AI",
        "dwarslijn",
        "Hoe zetten we digitalisering en AI in om onderwijs, samenleving en arbeidsmarkt in Leiden "
        "mensgericht en toekomstbestendig te versterken?",
        "Mensen samenbrengen, kennis delen en experimenteren, handvatten bieden.",
        "Universiteit Leiden",
    ),
]
APRIL_PARTS = [
    (
        "Opening: route naar het LEFtival op 7 oktober 2026",
        "Gezocht: partneroverstijgende bijdrages voor het LEFtival.",
        None,
    ),
    ("Zichtlijn Brede vorming", "Wat hebben jonge mensen nodig voor hun vorming?", "brede-vorming"),
    ("Zichtlijn Anders samenwerken", "Wees welkom en sluit je aan!", "anders-samenwerken"),
    ("Dwarslijn Innoveren met LEF", "Waar heb jij denkkracht op nodig?", "innoveren-met-lef"),
    ("Dwarslijn Duurzaamheid", "Denk je mee?", "duurzaamheid"),
    ("Dwarslijn Welzijn", "Verdiepen preventie en cultuur.", "welzijn"),
    ("Dwarslijn Onderwijs in de Leidse Regio", "Denk en help je mee?", "onderwijs-leidse-regio"),
    ("Dwarslijn AI", "Van visie naar praktijk.", "ai"),
    ("Afsluiting", "Korte pitch van de zichthouders op het vervolg van hun beweging.", None),
]
# Earlier netwerkbijeenkomsten, for attendance over the years: (day, title, present share)
HISTORY = [
    (date(2022, 9, 29), "Talentenfestival", 3),
    (date(2023, 3, 14), "Netwerkbijeenkomst voorjaar 2023", 2),
    (date(2024, 3, 12), "Netwerkbijeenkomst voorjaar 2024", 2),
    (date(2025, 3, 11), "Verkenners ontmoet verkenners (eerste ronde)", 2),
]
HELD = [
    "Gemeente Leiden",
    "Hogeschool Leiden",
    "SCOL",
    "Naturalis Biodiversity Center",
    "Museum Volkenkunde",
    "PROOLEiden",
]


def seed():
    """Create the network demo once (it is left alone when networks exist)."""
    if Network.select().exists():
        return
    leader = User.get(User.email == PROJECTLEIDER[1])
    networks = _networks()
    for day, title, share in HISTORY:
        _past_meeting(leader, day, title, share)
    autumn = date(schooljaar_of(today()), 9, 30)  # this schooljaar's first, if it has passed
    if autumn < today():
        _past_meeting(leader, autumn, "Netwerkbijeenkomst najaar", 2)
    april = _past_meeting(
        leader,
        date(2026, 4, 7),
        "Verkenners ontmoet verkenners",
        2,
        times=(time(9, 0), time(10, 30)),
    )
    for position, (title, text, slug) in enumerate(APRIL_PARTS):
        network = networks.get(slug)
        ProgrammePart.create(
            meeting=april,
            position=position * 10,
            title=title,
            description=text,
            network=network.id if network else None,
        )
    _leftival(leader, networks)
    _upcoming(leader)
    _jaargesprekken(leader)
    ensure_year(schooljaar_of(today()), leader)


def _contact(name):
    return User.get(User.email == contact_email(name))


def _networks():
    networks = {}
    contacts = [c.user_id for c in Contact.select().where(Contact.kind == "primary")]
    for position, (slug, name, kind, question, text, holder) in enumerate(NETWORKS):
        network = Network.create(
            slug=slug, name=name, kind=kind, question=question, description=text, position=position
        )
        NetworkMember.create(network=network, user=_contact(holder), zichthouder=True)
        for user_id in contacts[position::5]:  # a few members each
            NetworkMember.insert(network=network.id, user=user_id).on_conflict_ignore().execute()
        networks[slug] = network
    return networks


def _meeting(
    leader, day, title, kind="netwerkbijeenkomst", times=(time(15, 30), time(17, 30)), **fields
):
    return engine.create_case(
        meeting_workflow.WORKFLOW,
        leader,
        kind=kind,
        title=title,
        starts_at=utc(day, times[0]),
        ends_at=utc(day, times[1]),
        location=fields.pop("location", "LLokaal met LEF, Leiden"),
        audience=fields.pop("audience", "contactpersonen"),
        created_by=leader.id,
        **fields,
    )


def _past_meeting(leader, day, title, share, times=(time(15, 30), time(17, 30))):
    """A meeting that took place: everyone invited, answers, attendance recorded."""
    meeting = _meeting(
        leader,
        day,
        title,
        times=times,
        description="Ontmoeting van de contactpersonen van de partners.",
    )
    published = utc(day, time(9, 0)) - timedelta(days=30)
    _published_in_the_past(meeting, leader, published)
    invite(meeting, audience_ids(meeting))
    for number, invitation in enumerate(
        Invitation.select().where(Invitation.meeting == meeting.id)
    ):
        coming = number % share == 0 or number % 7 == 1
        Invitation.update(
            answer=KOMT if coming else KOMT_NIET,
            answered_at=now(),
            attended=coming and number % 5 != 0,
        ).where(Invitation.id == invitation.id).execute()
    return meeting


def _published_in_the_past(meeting, leader, published):
    """A meeting published before today: made a week before and published then, both steps
    on its timeline at their moments (the workflow publishes only meetings still to come)."""
    name = meeting_workflow.WORKFLOW.name
    events = AuditEvent.update(at=published - timedelta(days=7)).where(
        AuditEvent.workflow == name, AuditEvent.case_id == meeting.id
    )
    events.execute()
    Meeting.update(state=MeetingState.PUBLISHED, published_at=published).where(
        Meeting.id == meeting.id
    ).execute()
    AuditEvent.create(
        workflow=name,
        case_id=meeting.id,
        from_state=MeetingState.CONCEPT,
        to_state=MeetingState.PUBLISHED,
        trigger="publiceren",
        actor=leader,
        actor_label=leader.name,
        at=published,
        comment="Demo: een bijeenkomst uit het verleden, toen gepubliceerd.",
    )


def _leftival(leader, networks):
    day = date(2026, 10, 7)
    note = ""
    if day <= today():
        day = date(today().year + (1 if today() >= date(today().year, 10, 7) else 0), 10, 7)
        note = (
            "\n\nDemo: het LEFtival was op 7 oktober 2026; hier staat het een jaar later, "
            "zodat de oproep voor bijdragen open is."
        )
    meeting = _meeting(
        leader,
        day,
        "LEFtival",
        kind="conferentie",
        times=(time(13, 0), time(18, 0)),
        audience="publiek",
        capacity=250,
        asks_contributions=True,
        description="Het nieuwe evenement van LEF: spelen, vieren en verwonderen met alle "
        "zichtlijnen en dwarslijnen." + note,
        contributions_call="Gezocht: partneroverstijgende bijdrages voor het LEFtival. Een "
        "workshop, een expositie, een gesprek: wat maakt u samen met andere partners?",
    )
    engine.fire(meeting_workflow.WORKFLOW, meeting.id, "publiceren", leader)
    proposals = [
        (
            "Naturalis Biodiversity Center",
            "duurzaamheid",
            "Buitenlab: leren over de natuur",
            "Een buitenlab met leerlingen van drie scholen.",
            ("accepteren", "Past precies bij de dwarslijn Duurzaamheid."),
        ),
        (
            "Museum Boerhaave",
            "ai",
            "Denkende machines",
            "Een workshop over AI en wetenschap.",
            None,  # still to be answered
        ),
        (
            "Stadspodia Leiden",
            "brede-vorming",
            "Podium voor talent",
            "Leerlingen spelen op het LEFtival-podium.",
            ("informatie_vragen", "Hoeveel leerlingen, en welke scholen?"),
        ),
    ]
    for name, slug, title, text, reply in proposals:  # reply: the projectleider's step
        organisation = Organisation.get(Organisation.name == name)
        case = engine.create_case(
            contribution_workflow.WORKFLOW,
            _contact(name),
            meeting=meeting.id,
            organisation=organisation.id,
            network=networks[slug].id,
            submitted_by=_contact(name).id,
            title=title,
            description=text,
            partners_involved="Drie basisscholen uit Leiden",
            needs="Een ruimte voor 30 mensen",
        )
        if reply:
            trigger, comment = reply
            engine.fire(contribution_workflow.WORKFLOW, case.id, trigger, leader, comment=comment)


def _upcoming(leader):
    """A netwerkbijeenkomst in three weeks (nearly full) and a public onderwijscafé."""
    soon = today() + timedelta(days=21)
    meeting = _meeting(
        leader,
        soon,
        "Netwerkbijeenkomst contactpersonen",
        capacity=20,
        description="Het halfjaarlijkse overleg van de ambassadeurs.",
    )
    ProgrammePart.create(meeting=meeting, position=10, title="Terugblik op het LEFtival")
    ProgrammePart.create(
        meeting=meeting,
        position=20,
        title="De zichtlijn Talentontwikkeling",
        network=Network.get(Network.slug == "talentontwikkeling").id,
    )
    engine.fire(meeting_workflow.WORKFLOW, meeting.id, "publiceren", leader)
    backups = (
        Invitation.select(Invitation.user)
        .join(User)
        .where(Invitation.meeting == meeting.id, User.email.startswith("achtervang."))
        .order_by(Invitation.id)
        .limit(15)
    )
    for invitation in list(backups):  # nearly full: 15 of the 20 seats taken by achtervangen
        answer(meeting.id, invitation.user_id, KOMT)
    cafe = _meeting(
        leader,
        soon + timedelta(days=14),
        "Onderwijscafé: AI in de klas",
        kind="onderwijscafe",
        audience="publiek",
        times=(time(19, 30), time(21, 0)),
        location="BplusC, Nieuwstraat, Leiden",
        capacity=40,
        walk_in_at=utc(soon + timedelta(days=14), time(19, 0)),
        registration_closes_at=end_of(soon + timedelta(days=13)),
    )
    engine.fire(meeting_workflow.WORKFLOW, cafe.id, "publiceren", leader)
    _registrations(cafe)


# People without an account who registered for the onderwijscafé (confirmed, or not yet).
REGISTRATIONS = [
    ("Fatima El Amrani", "fatima.elamrani@example.org", "Hogeschool Leiden", "", KOMT),
    ("Joost Verbeek", "joost.verbeek@example.org", None, "Bibliotheek Leiden", KOMT),
    ("Lotte de Wit", "lotte.dewit@example.org", "Naturalis Biodiversity Center", "", ONBEVESTIGD),
]


def _registrations(meeting):
    for name, email, partner, other, state in REGISTRATIONS:
        organisation = Organisation.get_or_none(Organisation.name == partner) if partner else None
        Registration.create(
            meeting=meeting.id,
            name=name,
            email=email,
            organisation=organisation,
            organisation_other=other,
            answer=state,
            code=secrets.token_urlsafe(24),
            confirmed_at=now() if state == KOMT else None,
        )


def _jaargesprekken(leader):
    year = schooljaar_of(today())
    for offset, name in enumerate(HELD):
        organisation = Organisation.get(Organisation.name == name)
        for back in (1, 0):
            held = back == 1 or offset < 3
            jaargesprek.save(
                organisation,
                year - back,
                leader,
                planned_on=date(year - back, 10, 1) + timedelta(days=7 * offset),
                who=f"{PROJECTLEIDER[0]} en de contactpersoon",
                held_on=date(year - back, 10, 1) + timedelta(days=7 * offset) if held else None,
                notes="Goed gesprek over de wensen van de organisatie." if held else "",
                follow_ups="Contactpersoon sluit aan bij de zichtlijn Talentontwikkeling."
                if held
                else "",
            )
