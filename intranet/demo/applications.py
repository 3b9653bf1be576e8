"""Demo applications in every state of the admission workflow (idempotent)."""

from intranet import security
from intranet.admission.discussion import PROJECTGROEP
from intranet.admission.eligibility import asks_profile_and_referees
from intranet.admission.models import Application, Referee
from intranet.admission.referees.answers import record_reference
from intranet.admission.workflow import WORKFLOW as admission
from intranet.clock import now
from intranet.demo import DEMO_PASSWORD
from intranet.demo.core import PROJECTLEIDER
from intranet.models import Organisation, User
from intranet.workflows import engine
from intranet.workflows.states import AdmissionState as State

# (organisation, sector, municipality, pupils, route, applicant, the state to reach)
APPLICATIONS = [
    (
        "Kunstlab Oegstgeest",
        "cultuur",
        "Oegstgeest",
        None,
        "basis",
        "Iris Bakker",
        State.CONCEPT,
    ),
    (
        "Stichting Denkwerk",
        "overig",
        "Leiden",
        None,
        "uitgebreid",
        "Omar Haddou",
        State.REFERENCES,
    ),
    (
        "De Zeester Oegstgeest",
        "PO",
        "Oegstgeest",
        240,
        "school",
        "Femke de Lange",
        State.WITH_LEADER,
    ),
    (
        "Theaterwerkplaats De Vest",
        "cultuur",
        "Leiden",
        None,
        "uitgebreid",
        "Sara Veenstra",
        State.WITH_LEADER,
    ),
    (
        "Peuterspeelzaal Het Duin",
        "VSE",
        "Voorschoten",
        45,
        "vse",
        "Priya Ramdin",
        State.QUESTION,
    ),
    (
        "Muziekschool Leiden",
        "cultuur",
        "Leiden",
        None,
        "uitgebreid",
        "Gert Mol",
        State.VOTE,
    ),
    (
        "Science Hub Leiden",
        "bedrijf",
        "Leiden",
        None,
        "uitgebreid",
        "Lieke Zwart",
        State.REGIEGROEP,
    ),
    (
        "Bouwspeelplaats De Rijn",
        "overig",
        "Leiderdorp",
        None,
        "basis",
        "Ahmed Saidi",
        State.ADMITTED,
    ),
    (
        "Escape Games Leiden",
        "bedrijf",
        "Leiden",
        None,
        "uitgebreid",
        "Bram Kuipers",
        State.REJECTED,
    ),
    (
        "Robotclub Voorschoten",
        "bedrijf",
        "Voorschoten",
        None,
        "basis",
        "Evi Hoek",
        State.WITHDRAWN,
    ),
]
PROFILE = (
    "{name} wil kinderen en jongeren in de Leidse regio laten ontdekken waar hun talenten "
    "liggen, met workshops op school en na schooltijd."
)


def _slug(text):
    return "".join(ch for ch in text.lower() if ch.isalnum())[:20]


def _draft(name, sector, municipality, pupils, route, person, password_hash):
    slug = _slug(name)
    user = User.get_or_none(User.email == f"aanvrager.{slug}@example.org") or User.create(
        email=f"aanvrager.{slug}@example.org",
        name=person,
        password_hash=password_hash,
        email_confirmed_at=now(),
    )
    organisation = Organisation.create(
        name=name, sector=sector, municipality=municipality, pupil_count=pupils
    )
    case = engine.create_case(
        admission,
        user,
        applicant=user,
        organisation=organisation,
        route=route,
        profile=PROFILE.format(name=name),
        backup_name=f"Achtervang {name}",
        backup_email=f"achtervang.{slug}@example.org",
    )
    if asks_profile_and_referees(route):
        for number, (referee, where) in enumerate(
            [("Marieke Stam", "Bibliotheek Leiden"), ("Joost Ploeg", "Basisschool De Regenboog")]
        ):
            Referee.create(
                application=case,
                name=referee,
                email=f"referent{number + 1}.{slug}@example.org",
                organisation=where,
                relation="samenwerkingspartner",
            )
    return case, user


def _answer_references(case, count=2):
    for referee in list(Referee.current(case))[:count]:
        record_reference(referee.id, "positief", "Een betrouwbare en enthousiaste partner.")


def _discuss(case, leader):
    """The projectgroep asks before voting and the projectleider answers (the vote page)."""
    member = User.in_group("projectgroep").first()
    said = [
        (member, "Hoe groot is hun bereik buiten de binnenstad?"),
        (leader, "Vorig jaar 14 scholen, waarvan 5 in Leiden-Noord; dat staat in het profiel."),
    ]
    for author, text in said:
        engine.act(admission, case.id, PROJECTGROEP.activity, author, data={"text": text})


def _vote(case, choices):
    members = list(User.in_group("projectgroep"))
    for member, (choice, motivation) in zip(members, choices, strict=False):
        data = {"choice": choice, "motivation": motivation}
        engine.act(admission, case.id, "stemmen", member, data=data)  # as the vote page does


def _advance(case, user, leader, goal):
    """Take a fresh draft to the goal state the way the people involved would."""

    def fire(trigger, actor, **fields):
        engine.fire(admission, case.id, trigger, actor, **fields)

    if goal == State.CONCEPT:
        return
    fire("indienen", user)
    if goal == State.REFERENCES:
        return _answer_references(case, count=1)
    if goal == State.WITHDRAWN:
        return fire("intrekken", user, comment="We wachten tot volgend schooljaar.")
    if case.asks_profile_and_referees:
        _answer_references(case)
    if goal == State.QUESTION:
        fire("aanvulling_vragen", leader, comment="Hoeveel kindplaatsen heeft u per locatie?")
    elif goal == State.ADMITTED:
        fire("bevestigen", leader, comment="Gevestigd in Leiderdorp, geen leerlingen: akkoord.")
    elif goal == State.REJECTED:
        fire("afwijzen", leader, comment="Een commercieel uitje past niet bij de doelen.")
    elif goal in (State.VOTE, State.REGIEGROEP):
        fire("voordragen", leader)
        _discuss(case, leader)
        _vote(case, [("voor", "Mooi aanbod."), ("twijfel", "Hoe groot is het bereik?")])
        if goal == State.REGIEGROEP:
            fire("escaleren", leader, comment="De projectgroep twijfelt over het bereik.")


def seed():
    """Add the demo applications that are missing (one per state)."""
    leader = User.get_or_none(User.email == PROJECTLEIDER[1])
    password_hash = security.hash_password(DEMO_PASSWORD)
    for name, sector, municipality, pupils, route, person, goal in APPLICATIONS:
        if Organisation.select().where(Organisation.name == name).exists():
            continue
        case, user = _draft(name, sector, municipality, pupils, route, person, password_hash)
        _advance(Application.get_by_id(case.id), user, leader, goal)
