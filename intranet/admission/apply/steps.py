"""The steps of the application form: their order, forms, rules' context, hints."""

from dataclasses import dataclass

from wtforms.fields.core import UnboundField

from . import eligibility as rules
from .forms import (
    BackupForm,
    ContactForm,
    OrganisationForm,
    ProfileForm,
    RefereesForm,
    RouteForm,
)


@dataclass
class Context:
    """What a step's rules need to know beyond its own fields."""

    values: dict  # every answer so far, as submitted or stored (field name -> text)
    namesake: object = None  # callable(name) -> (status or None, has open application)
    applicant_email: str = ""  # the logged-in applicant's address, if any
    account_exists: object = None  # callable(email) -> bool, for a newcomer's address

    def get(self, name):
        """One answer as stripped text."""
        return str(self.values.get(name) or "").strip()

    @property
    def route(self):
        """The route claimed."""
        return self.get("route")

    def referee_emails(self):
        """The two referees' addresses."""
        return [self.get("referee1_email"), self.get("referee2_email")]

    def own_emails(self):
        """The applicant's and the achtervang's addresses."""
        return [self.applicant_email or self.get("contact_email"), self.get("backup_email")]


STEPS = {
    "route": "Route",
    "organisatie": "Organisatie",
    "profiel": "Profiel",
    "referenten": "Referenten",
    "contactpersoon": "Contactpersoon",
}
FORMS = {
    "route": RouteForm,
    "organisatie": OrganisationForm,
    "profiel": ProfileForm,
    "referenten": RefereesForm,
}
OPTIONAL_STEPS = {"profiel", "referenten"}  # may be left for later in a draft


def steps_for(route):
    """The steps this route goes through, in order."""
    return [step for step in STEPS if step != "referenten" or route == "uitgebreid"]


def form_class(step, newcomer):
    """The form of a step; the last one asks a newcomer for an account as well."""
    if step == "contactpersoon":
        return ContactForm if newcomer else BackupForm
    return FORMS[step]


def field_names(form_cls):
    """The names of a form class's fields (without the CSRF token)."""
    return [name for name in dir(form_cls) if isinstance(getattr(form_cls, name), UnboundField)]


def step_of(field_name, newcomer):
    """The step a field belongs to, or None."""
    for step in STEPS:
        if field_name in field_names(form_class(step, newcomer)):
            return step
    return None


def validate(form, context):
    """Validate a step: its fields, then the route's rules; True when all is well."""
    valid = form.validate()
    for name, problem in form.rules(context).items():
        if problem and not form[name].errors:
            form[name].errors = [*form[name].errors, problem]
            valid = False
    return valid


EXISTING_ACCOUNT = (
    "Er bestaat al een account met dit e-mailadres. Log in door bij ‘Wachtwoord’ het "
    "wachtwoord van dat account in te vullen, of gebruik een ander e-mailadres."
)
FIELD_ATTRS = {  # extra HTML attributes per field: autocomplete, keyboards, suggestions
    "name": {"autocomplete": "organization"},
    "municipality": {"list": "gemeenten", "autocomplete": "address-level2"},
    "pupils": {"inputmode": "numeric"},
    "website": {"autocomplete": "url"},
    "profile": {"rows": 8},
    "contact_name": {"autocomplete": "name"},
    "contact_email": {"autocomplete": "email"},
    "password": {"autocomplete": "new-password"},
}
PUPIL_LABELS = {"vse": "Aantal kindplaatsen", "school": "Aantal leerlingen"}


def make_form(step, newcomer, route, **kwargs):
    """A step's form, its labels fitted to the route."""
    form = form_class(step, newcomer)(**kwargs)
    if step == "organisatie":
        form.pupils.label.text = PUPIL_LABELS.get(route, form.pupils.label.text)
    return form


def hints(route):
    """Help texts beside the fields, for this route."""
    area = rules.AREA_FOR_ROUTE.get(route)
    texts = {
        "website": "Bijvoorbeeld www.voorbeeld.nl (optioneel).",
        "profile": "Wat doet uw organisatie voor de talentontwikkeling van kinderen en jongeren?",
        "password": "Minstens 10 tekens. Heeft u al een account met dit e-mailadres? "
        "Vul dan het wachtwoord van dat account in.",
        "backup_email": "De achtervang neemt het over als u er niet bent.",
    }
    if area:
        texts["municipality"] = "Deze route staat open voor: " + ", ".join(area) + "."
    if route == "uitgebreid":
        texts["profile"] += (
            " Nodig om in te dienen; u kunt het concept eerst opslaan en dit later aanvullen."
        )
    if route in rules.WITHOUT_PUPILS:
        texts["pupils"] = "Laat leeg: deze route is voor organisaties zonder leerlingen."
    elif route in rules.WITH_PUPILS:
        texts["pupils"] = "Verplicht: uw jaarlijkse bijdrage hangt hiervan af."
    return texts
