"""One small world with a person in every role, and clients that act as each of them.

Shared by the authorization matrix and the fuzz tests: an organisation with one
contactpersoon, another organisation with its own, and the first organisation's application
that went through a vote and now lies with the regiegroep (so every decider may see it).
"""

from dataclasses import dataclass, field
from datetime import timedelta

from intranet import security
from intranet.admission.models import Application, Comment, Referee
from intranet.admission.references import record_reference
from intranet.admission.voting import cast_vote
from intranet.clock import now
from intranet.fees.models import schooljaar_of
from intranet.models import (
    Contact,
    Membership,
    Organisation,
    OutboxMessage,
    User,
    all_models,
)
from intranet.workflows import engine
from intranet.workflows.admission import admission
from tests.conftest import PASSWORD

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
    organisation: Organisation = None
    other_organisation: Organisation = None
    contact: Contact = None
    case: Application = None
    members: list = field(default_factory=list)
    more_cases: list = field(default_factory=list)  # an open vote, one to nominate


# How each URL argument is filled in, by its name in the route. A new route with an
# argument not listed here fails the matrix with a message naming the argument.
ARGUMENTS = {
    "case_id": lambda world: world.case.id,
    "organisation_id": lambda world: world.organisation.id,
    "contact_id": lambda world: world.contact.id,  # the only contactpersoon: never removable
    "message_id": lambda world: OutboxMessage.select().order_by(OutboxMessage.id).first().id,
    "year": lambda world: schooljaar_of(),
    "workflow_name": lambda world: admission.name,
    "trigger": lambda world: "regiegroep_toelaten",  # needs a motivation: empty posts fail
    "token": lambda world: INVALID_TOKEN,
}


# Further real values the fuzz tests try besides those (the matrix uses ARGUMENTS only).
ALTERNATIVES = {"case_id": lambda world: [case.id for case in world.more_cases]}


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


def _organisation(name, **fields):
    """An organisation in Leiden; keyword arguments override."""
    values = {"name": name, "sector": "cultuur", "municipality": "Leiden", "status": "partner"}
    return Organisation.create(**{**values, **fields})


def _referenced_case(organisation, applicant):
    """An uitgebreid application, submitted, both references in: with the projectleider."""
    case = engine.create_case(
        admission,
        applicant,
        organisation=organisation,
        applicant=applicant,
        route="uitgebreid",
        profile="Wij geven rondleidingen voor scholen.",
        backup_name="Bea Achtervang",
        backup_email="bea.achtervang@example.org",
    )
    for number in (1, 2):
        Referee.create(
            application=case, name=f"Referent {number}", email=f"referent{number}@example.org"
        )
    engine.fire(admission, case.id, "indienen", applicant)
    for referee in Referee.current(case):
        record_reference(referee.id, "positief", "Betrouwbaar.")
    return Application.get_by_id(case.id)


def _at_vote(organisation, applicant, leader):
    """An application the projectleider put to the vote."""
    case = _referenced_case(organisation, applicant)
    deadline = now() + timedelta(days=14)
    engine.fire(admission, case.id, "voordragen", leader, data={"deadline": deadline})
    return Application.get_by_id(case.id)


def _escalated_case(world, applicant, leader):
    """The organisation's application: referenced, voted on, then escalated."""
    case = _at_vote(world.organisation, applicant, leader)
    cast_vote(case.id, world.members[0], "twijfel", "Ik weet het niet.")
    engine.fire(admission, case.id, "escaleren", leader, comment="De projectgroep twijfelt.")
    return Application.get_by_id(case.id)


def _more_cases(applicant, leader):
    """Two more applications by the same applicant: one at the vote, one to nominate."""
    voting = _organisation("Techniek Lab", status="aspirant")
    waiting = _organisation("Bouwkeet", status="aspirant")
    return [_at_vote(voting, applicant, leader), _referenced_case(waiting, applicant)]


def build_world():
    """Create the world in the current (empty, migrated) database."""
    world = World()
    world.organisation = _organisation("Museum De Lakenhal", membership_type="uitgebreid")
    world.other_organisation = _organisation("Naturalis", sector="HO")
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
    world.case = _escalated_case(world, users[AANVRAGER], users[PROJECTLEIDER])
    Comment.create(application=world.case, author=users[REGIEGROEP], text="Eerst bespreken.")
    world.more_cases = _more_cases(users[AANVRAGER], users[PROJECTLEIDER])
    return world


def url_arguments(rule, world):
    """The values for a rule's arguments, or raise KeyError naming the missing one."""
    names = sorted(set(rule.arguments) - set(rule.defaults or {}))
    missing = [name for name in names if name not in ARGUMENTS]
    if missing:
        raise KeyError(
            f"no value for URL argument(s) {', '.join(missing)} of {rule.rule} "
            f"({rule.endpoint}): add them to ARGUMENTS in tests/world.py"
        )
    return {name: ARGUMENTS[name](world) for name in names}


def path_for(rule, world):
    """The path of a rule with the world's values filled in."""
    return rule.build(url_arguments(rule, world), append_unknown=False)[1]


class Visitors:
    """One test client per role, logged in (again) before every request.

    A request may end the session (logout, a password change); logging in through the
    session with the user's current login id keeps each role what it is.
    """

    def __init__(self, app, world):
        self.app, self.world = app, world
        self.clients = {role: app.test_client() for role in ROLES}

    def request(self, role, method, path, **kwargs):
        """Send a request as this role (earlier flashed messages are dropped first)."""
        client = self.clients[role]
        user = self.world.users.get(role)
        with client.session_transaction() as session:
            session.pop("_flashes", None)
            if user is None:  # a link may have logged the visitor in: not any more
                session.pop("_user_id", None)
            else:
                session["_user_id"] = User.get_by_id(user.id).get_id()
                session["_fresh"] = True
        if method == "POST" and "data" not in kwargs:
            # A real form always carries its CSRF token: an otherwise empty form is not
            # an empty body (Flask-WTF would then fill the form from its defaults).
            kwargs["data"] = {"form": "leeg"}
        return client.open(path, method=method, **kwargs)

    def flashes(self, role):
        """The messages the last request flashed for this role: [(category, text)]."""
        with self.clients[role].session_transaction() as session:
            return list(session.get("_flashes", []))


def rules(app):
    """Every rule of the app but static files, in a stable order."""
    found = [rule for rule in app.url_map.iter_rules() if rule.endpoint != "static"]
    return sorted(found, key=lambda rule: (rule.endpoint, rule.rule))


def methods(rule):
    """The methods the matrix sends to a rule (HEAD and OPTIONS come free with GET)."""
    return sorted(rule.methods & {"GET", "POST"})


def snapshot():
    """Every row of every table, to show that a request changed nothing."""
    return {
        model._meta.table_name: sorted(map(repr, model.select().tuples())) for model in all_models()
    }
