"""The steps of the application form: their order, forms, rules' context, hints."""

from dataclasses import dataclass

from wtforms.fields.core import UnboundField

from intranet.admission import eligibility as rules

from .forms import (
    REFEREE_NUMBERS,
    BackupForm,
    ContactForm,
    OrganisationForm,
    PasswordForm,
    ProfileForm,
    RefereesForm,
    ReviewForm,
    RouteForm,
    referee_field,
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
        """The referees' addresses (empty for a referee not given)."""
        return [self.get(referee_field(number, "email")) for number in REFEREE_NUMBERS]

    def own_emails(self):
        """The applicant's and the achtervang's addresses."""
        return [self.applicant_email or self.get("contact_email"), self.get("backup_email")]


STEPS = {
    "route": "Route",
    "organisatie": "Organisatie",
    "profiel": "Profiel",
    "referenten": "Referenten",
    "contactpersoon": "Contactpersoon",
    "controle": "Controleer en dien in",
}
REVIEW = "controle"  # the last step of the form: every answer, then submit (or save)
FORMS = {
    "route": RouteForm,
    "organisatie": OrganisationForm,
    "profiel": ProfileForm,
    "referenten": RefereesForm,
}
EXTENDED_ONLY = {"profiel", "referenten"}


def steps_for(route):
    """The steps with answers this route asks, in order (a draft changes these one by one)."""
    extended = rules.asks_profile_and_referees(route)
    return [s for s in STEPS if s != REVIEW and (extended or s not in EXTENDED_ONLY)]


def form_class(step, newcomer):
    """The form of a step; a newcomer names themselves and chooses a password as well."""
    if step == "contactpersoon":
        return ContactForm if newcomer else BackupForm
    if step == REVIEW:
        return PasswordForm if newcomer else ReviewForm
    return FORMS[step]


def field_names(form_cls):
    """The names of a form class's fields (without the CSRF token)."""
    return [name for name in dir(form_cls) if isinstance(getattr(form_cls, name), UnboundField)]


def shown_fields(step, newcomer, route):
    """The fields a step shows for this route: the count only where the route asks it."""
    names = field_names(form_class(step, newcomer))
    return [n for n in names if n != "pupils" or rules.asks_pupils(route)]


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
    "Er bestaat al een account met dit e-mailadres. Vul bij de laatste stap, ‘Controleer en "
    "dien in’, het wachtwoord van dat account in, of gebruik een ander e-mailadres."
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
PUPIL_LABELS = {
    "vse": "Aantal kindplaatsen",
    "school": "Aantal leerlingen",
    "schoolbestuur": "Aantal leerlingen van uw scholen",
}


def make_form(step, newcomer, route, **kwargs):
    """A step's form with only the fields this route asks, its labels fitted to the route."""
    form = form_class(step, newcomer)(**kwargs)
    if step == "organisatie":
        if rules.asks_pupils(route):
            form.pupils.label.text = PUPIL_LABELS.get(route, form.pupils.label.text)
        else:
            del form["pupils"]
    return form


def hints(route):
    """Help texts beside the fields, for this route."""
    area = rules.AREA_FOR_ROUTE.get(route)
    texts = {
        "website": "Bijvoorbeeld www.voorbeeld.nl.",
        "profile": "Wat doet uw organisatie voor de talentontwikkeling van kinderen en jongeren?",
        "password": "Minstens 10 tekens. Heeft u al een account met dit e-mailadres? "
        "Vul dan het wachtwoord van dat account in.",
        "backup_email": "De achtervang neemt het over als u er niet bent.",
        "no_backup": "Werkt u alleen? Dan neemt niemand het van u over als u er niet bent: "
        "berichten van het netwerk blijven liggen tot u terug bent. U kunt later altijd een "
        "collega als achtervang uitnodigen.",
    }
    if area:
        texts["municipality"] = "Deze route staat open voor: " + ", ".join(area) + "."
    if route == "schoolbestuur":
        texts["pupils"] = (
            "Alle leerlingen van de scholen van uw bestuur samen; "
            "daarnaar wordt uw bijdrage berekend."
        )
    elif rules.asks_pupils(route):
        texts["pupils"] = "Daarnaar wordt uw jaarlijkse bijdrage berekend."
    return texts
