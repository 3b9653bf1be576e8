"""One small world with a person in every role, and the records the URLs point at.

Shared by the authorization matrix and the fuzz tests: an organisation with one
contactpersoon, another organisation with its own, and the first organisation's application
that went through a vote and now lies with the regiegroep (so every decider may see it);
the same applicant's other applications (at the vote, with the projectleider, waiting for
references, a draft); and, with the rounds feature, periods and their rounds.
"""

from dataclasses import dataclass, field

from intranet import security
from intranet.admission.models import Comment, Referee
from intranet.fees.models import schooljaar_of
from intranet.models import Contact, Membership, OutboxMessage, User
from intranet.schema import MODELS
from intranet.workflows.admission import admission
from tests import world_cases as cases
from tests import world_rounds
from tests.conftest import PASSWORD
from tests.visitors import Visitors, methods, rules  # noqa: F401 - the tests import them here

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
    rounds: dict = field(default_factory=dict)  # tests/world_rounds.py


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
    """An account with a password, in groups, optionally contactpersoon of an organisation."""
    user = User.create(
        email=f"{name}@example.org",
        name=name.replace("-", " ").title(),
        password_hash=security.hash_password(PASSWORD),
    )
    for group in groups:
        Membership.create(user=user, group=group, voorzitter=voorzitter)
    if organisation is not None:
        Contact.create(organisation=organisation, user=user, kind="primary")
    return user


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
    world.organisation = cases.organisation("Museum De Lakenhal", membership_type="uitgebreid")
    world.other_organisation = cases.organisation("Naturalis", sector="HO")
    _people(world)
    applicant, leader = world.users[AANVRAGER], world.users[PROJECTLEIDER]
    world.case = cases.escalated(world.organisation, applicant, leader, world.members[0])
    Comment.create(application=world.case, author=world.users[REGIEGROEP], text="Bespreken.")
    aspirant = {"status": "aspirant", "sector": "bedrijf"}
    world.more_cases = [
        cases.at_vote(cases.organisation("Techniek Lab", **aspirant), applicant, leader),
        cases.referenced(cases.organisation("Bouwkeet", **aspirant), applicant),
    ]
    world.submitted = cases.submitted(cases.organisation("Codeclub", **aspirant), applicant)
    world.draft = cases.draft(cases.organisation("Kunstwerkplaats", **aspirant), applicant)
    world.rounds = world_rounds.build(leader, world.users[VOORZITTER], world.organisation)
    return world


def _row_arguments(endpoint):
    """The URL values the authorization table's rows of this endpoint ask for."""
    from tests.matrix import arguments_for  # the table imports this module

    return arguments_for(endpoint)


def url_arguments(rule, world):
    """The values for a rule's arguments, or raise KeyError naming the missing one.

    ARGUMENTS give them by name, unless the endpoint's row in tests/matrix.py says otherwise.
    """
    overrides = _row_arguments(rule.endpoint)
    names = sorted(set(rule.arguments) - set(rule.defaults or {}))
    missing = [name for name in names if name not in ARGUMENTS and name not in overrides]
    if missing:
        raise KeyError(
            f"no value for URL argument(s) {', '.join(missing)} of {rule.rule} "
            f"({rule.endpoint}): add them to ARGUMENTS in tests/world.py, or to its row"
        )
    return {name: overrides.get(name, ARGUMENTS.get(name))(world) for name in names}


def path_for(rule, world):
    """The path of a rule with the world's values filled in."""
    return rule.build(url_arguments(rule, world), append_unknown=False)[1]


def snapshot():
    """Every row of every table, to show that a request changed nothing."""
    return {model._meta.table_name: sorted(map(repr, model.select().tuples())) for model in MODELS}
