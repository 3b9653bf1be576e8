"""One small world with a person in every role, and the records the URLs point at.

Shared by the authorization matrix and the fuzz tests: an organisation with one
contactpersoon, another organisation with its own, and the first organisation's application
that went through a vote and now lies with the regiegroep (so every decider may see it);
the same applicant's other applications (at the vote, with the projectleider, waiting for
references, a draft); and, with the rounds feature, periods and their rounds.
"""

from dataclasses import dataclass, field

from intranet.admission.models import Comment, Referee
from intranet.admission.workflow import WORKFLOW as admission
from intranet.db import db
from intranet.models import Contact, OutboxMessage
from intranet.schema import MODELS
from intranet.schooljaar import schooljaar_of
from tests.support import factories, world_fees, world_network, world_rounds
from tests.support.visitors import Visitors, methods, rules  # noqa: F401 - the tests import them here

ANONYMOUS = "anonymous"
AANVRAGER = "aanvrager"
CONTACTPERSOON_ELDERS = "contactpersoon_elders"  # contactpersoon of another organisation
CONTACTPERSOON = "contactpersoon"  # contactpersoon of the organisation in the URL
PROJECTGROEP = "projectgroep"
REGIEGROEP = "regiegroep"
VOORZITTER = "voorzitter"
PROJECTLEIDER = "projectleider"
ROLES = (
    ANONYMOUS,
    AANVRAGER,
    CONTACTPERSOON_ELDERS,
    CONTACTPERSOON,
    PROJECTGROEP,
    REGIEGROEP,
    VOORZITTER,
    PROJECTLEIDER,
)
INVALID_TOKEN = "dit-is-geen-geldige-link.AAAA.BBBB"


@dataclass
class World:
    """The people (by role) and the records the URLs point at."""

    users: dict = field(default_factory=dict)
    organisation: object = None
    other_organisation: object = None
    contact: Contact = None
    case: object = None  # escalated after a vote: every decider may see it
    members: list = field(default_factory=list)
    more_cases: list = field(default_factory=list)  # at the vote, with the projectleider
    submitted: object = None  # waiting for its references
    draft: object = None  # still in concept
    rounds: dict = field(default_factory=dict)  # tests/support/world_rounds.py
    network: dict = field(default_factory=dict)  # tests/support/world_network.py
    fees: dict = field(default_factory=dict)  # tests/support/world_fees.py


# How each URL argument is filled in, by its name in the route; a row of the authorization
# table may say otherwise for its route (Expect.args). A new route with an argument not
# listed here fails the matrix with a message naming the argument.
ARGUMENTS = {
    "case_id": lambda world: world.case.id,
    "organisation_id": lambda world: world.organisation.id,
    "contact_id": lambda world: world.contact.id,
    "user_id": lambda world: world.contact.user_id,  # the only contactpersoon: never removable
    "message_id": lambda world: OutboxMessage.select().order_by(OutboxMessage.id).first().id,
    "year": lambda world: schooljaar_of(),
    "workflow_name": lambda world: admission.name,
    "trigger": lambda world: "regiegroep_toelaten",  # needs a motivation: empty posts fail
    "token": lambda world: INVALID_TOKEN,
    "referee_id": lambda world: Referee.current(world.draft).first().id,
    "round_id": lambda world: world.rounds["renewal_round"].id,
    "field": lambda world: "name",  # a field of the application form
    "step": lambda world: "organisatie",  # a step of the application form
    "meeting_id": lambda world: world.network["meeting"].id,
    "network_id": lambda world: world.network["network"].id,
    "invitation_id": lambda world: world.network["invitation"].id,
    "registration_id": lambda world: world.network["registration"].id,
    "item_id": lambda world: world.network["news"].id,
    "newsletter_id": lambda world: world.network["newsletter"].id,  # a concept
    "activity_id": lambda world: world.network["activity"].id,  # submitted, not yet reviewed
    "address_id": lambda world: 1,  # no bounced address: restoring it is stale
    "name": lambda world: "0" * 32 + ".png",  # no such image
    "invoice_id": lambda world: world.fees["invoice"].id,
    "agreement_id": lambda world: world.fees["agreement"].id,
}


def _other_applications(world, endpoint):
    """The world's other applications, where the route's case_id is an application's."""
    if "case_id" in _row_arguments(endpoint):
        return []  # a case of another workflow (a period, an invitation)
    return [case.id for case in (*world.more_cases, world.submitted, world.draft)]


# Further real values the fuzz tests try besides those (the matrix uses ARGUMENTS only):
# argument -> (world, endpoint) -> values.
ALTERNATIVES = {"case_id": _other_applications}


def person(name, *groups, voorzitter=False, organisation=None):
    """A named person of the world (the one person maker, tests/support/factories.py)."""
    return factories.person(
        *groups,
        voorzitter=voorzitter,
        organisation=organisation,
        email=f"{name}@example.org",
        name=name.replace("-", " ").title(),
    )


def _people(world):
    users = world.users
    users[CONTACTPERSOON] = person("contactpersoon", organisation=world.organisation)
    world.contact = Contact.get(Contact.user == users[CONTACTPERSOON])
    users[CONTACTPERSOON_ELDERS] = person("elders", organisation=world.other_organisation)
    users[PROJECTLEIDER] = person("projectleider", "projectleider")
    world.members = [person(f"lid-{n}", "projectgroep") for n in (1, 2, 3)]
    users[PROJECTGROEP] = world.members[1]
    users[REGIEGROEP] = person("regie", "regiegroep")
    users[VOORZITTER] = person("voorzitter", "regiegroep", voorzitter=True)
    users[AANVRAGER] = person("aanvrager")


def build_world():
    """Create the world in the current (empty, migrated) database."""
    world = World()
    organisation = factories.organisation
    world.organisation = organisation(name="Museum De Lakenhal", membership_type="uitgebreid")
    world.other_organisation = organisation(name="Naturalis", sector="HO")
    _people(world)
    applicant, leader = world.users[AANVRAGER], world.users[PROJECTLEIDER]
    Case = factories.Case
    world.case = (
        Case(applicant, organisation=world.organisation)
        .nominated(leader)
        .voted(world.members[0], "twijfel", "Ik weet het niet.")
        .escalated(leader, "De projectgroep twijfelt.")
        .get()
    )
    Comment.create(application=world.case, author=world.users[REGIEGROEP], text="Bespreken.")
    aspirant = {"status": "aspirant", "sector": "bedrijf"}
    world.more_cases = [
        Case(applicant, organisation=organisation(name="Techniek Lab", **aspirant))
        .nominated(leader)
        .get(),
        Case(applicant, organisation=organisation(name="Bouwkeet", **aspirant)).referenced().get(),
    ]
    codeclub = organisation(name="Codeclub", **aspirant)
    world.submitted = Case(applicant, organisation=codeclub).submitted().get()
    lab = organisation(name="Kunstwerkplaats", **aspirant)
    world.draft = Case(applicant, organisation=lab).get()
    world.rounds = world_rounds.build(leader, world.users[VOORZITTER], world.organisation)
    world.network = world_network.build(
        leader, world.users[CONTACTPERSOON], world.users[CONTACTPERSOON_ELDERS], world.organisation
    )
    world.fees = world_fees.build(world.organisation)
    return world


def _row_arguments(endpoint):
    """The URL values the authorization table's rows of this endpoint ask for."""
    from tests.support.matrix import arguments_for  # the table imports this module

    return arguments_for(endpoint)


def url_arguments(rule, world):
    """The values for a rule's arguments, or raise KeyError naming the missing one.

    ARGUMENTS give them by name, unless the endpoint's row in support/matrix.py says
    otherwise.
    """
    overrides = _row_arguments(rule.endpoint)
    names = sorted(set(rule.arguments) - set(rule.defaults or {}))
    missing = [name for name in names if name not in ARGUMENTS and name not in overrides]
    if missing:
        raise KeyError(
            f"no value for URL argument(s) {', '.join(missing)} of {rule.rule} "
            f"({rule.endpoint}): add them to ARGUMENTS in tests/support/world.py, or to its row"
        )
    return {name: overrides.get(name, ARGUMENTS.get(name))(world) for name in names}


def path_for(rule, world):
    """The path of a rule with the world's values filled in."""
    return rule.build(url_arguments(rule, world), append_unknown=False)[1]


TABLES = [model._meta.table_name for model in MODELS]


def snapshot():
    """Every row of every table, to show that a request changed nothing.

    Read with plain SQL, as the driver returns it: the fuzz tests take two per example, and
    peewee turning every value into Python objects cost more than the requests themselves.
    """
    return {
        name: sorted(map(repr, db.execute_sql(f'SELECT * FROM "{name}"').fetchall()))
        for name in TABLES
    }
