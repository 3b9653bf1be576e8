"""The forms of the application: one WTForms form per step, with the route's rules."""

from wtforms import (
    BooleanField,
    EmailField,
    IntegerField,
    PasswordField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Email, Length, Optional
from wtforms.widgets import TextInput

from intranet.admission import eligibility as rules
from intranet.admission.models import ROUTES
from intranet.forms import TextForm, WebsiteField, choices
from intranet.models import SECTORS

NAME = Length(max=200, message="Gebruik hoogstens 200 tekens.")
EMAIL = [
    DataRequired("Vul een e-mailadres in."),
    Email("Dit is geen geldig e-mailadres."),
    Length(max=254, message="Dit e-mailadres is te lang."),
]


def email_of(whose, required=True):
    """An e-mail field's checks, each message naming whose address it is ('referent 2')."""
    return [
        DataRequired(f"Vul het e-mailadres van {whose} in.") if required else Optional(),
        Email(f"Het e-mailadres van {whose} is geen geldig e-mailadres."),
        Length(max=254, message=f"Het e-mailadres van {whose} is te lang."),
    ]


class StepForm(TextForm):
    """A step of the application form: each message names its field ('Vul het e-mailadres
    van referent 2 in.'), so the error summary shows the messages alone."""

    messages_name_fields = True


class CountField(IntegerField):
    """A whole number of pupils or kindplaatsen; a wrong entry gets a Dutch message."""

    widget = TextInput()  # accepts '1.200'; inputmode gives phones the number keyboard

    def process_formdata(self, valuelist):
        """Read '1.200' or '1200'; leave None when empty."""
        text = valuelist[0].strip().replace(".", "") if valuelist else ""
        if not text:
            self.data = None
        elif text.isdecimal() and len(text) <= 6:
            self.data = int(text)
        else:
            self.data = None
            raise ValueError("Vul het aantal in als heel getal, zoals 250.")


class RouteForm(StepForm):
    """Step 1: the route the organisation claims."""

    route = RadioField(
        "Langs welke route meldt u zich aan?",
        choices=choices(ROUTES),
        invalid_choice_message="Kies een van de routes.",
    )

    def rules(self, context):
        """The municipality already given must fit the new route."""
        return {"route": rules.municipality_problem(self.route.data, context.get("municipality"))}


class OrganisationForm(StepForm):
    """Step 2: the organisation."""

    name = StringField(
        "Naam van de organisatie",
        validators=[DataRequired("Vul de naam van de organisatie in."), NAME],
    )
    sector = SelectField(
        "Sector",
        choices=choices(SECTORS, blank="Kies een sector"),
        validators=[DataRequired("Kies een sector.")],
        invalid_choice_message="Kies een sector uit de lijst.",
    )
    municipality = StringField(
        "Gemeente (vestigingsplaats)", validators=[DataRequired("Vul de gemeente in."), NAME]
    )
    # Shown (and then required) only for the routes that ask it: see steps.make_form.
    pupils = CountField("Aantal leerlingen of kindplaatsen", validators=[Optional()])
    website = WebsiteField("Website (optioneel)", validators=[Optional(), NAME])

    def rules(self, context):
        """Not yet a partner or applicant; municipality (and the count, if asked) fit the route."""
        problems = {
            "municipality": rules.municipality_problem(context.route, self.municipality.data)
        }
        if self.pupils is not None:
            problems["pupils"] = rules.pupils_problem(context.route, self.pupils.data)
        if self.name.data and context.namesake:
            problems["name"] = rules.organisation_problem(*context.namesake(self.name.data))
        return problems


class ProfileForm(StepForm):
    """Step 3 (uitgebreid only): the profile description."""

    profile = TextAreaField(
        "Profiel van uw organisatie",
        validators=[Length(max=5000, message="Het profiel is te lang: hoogstens 5000 tekens.")],
    )

    def rules(self, context):
        """The uitgebreid route needs a profile."""
        return {"profile": rules.profile_problem(context.route, self.profile.data)}


OPTIONAL_ORGANISATION, OPTIONAL_RELATION = "Organisatie (optioneel)", "Relatie (optioneel)"


def _name(number):
    return StringField(
        "Naam", validators=[DataRequired(f"Vul de naam van referent {number} in."), NAME]
    )


class RefereesForm(StepForm):
    """Step 4 (uitgebreid only): two referees."""

    referee1_name = _name(1)
    referee1_email = EmailField("E-mailadres", validators=email_of("referent 1"))
    referee1_organisation = StringField(OPTIONAL_ORGANISATION, validators=[NAME])
    referee1_relation = StringField(OPTIONAL_RELATION, validators=[NAME])
    referee2_name = _name(2)
    referee2_email = EmailField("E-mailadres", validators=email_of("referent 2"))
    referee2_organisation = StringField(OPTIONAL_ORGANISATION, validators=[NAME])
    referee2_relation = StringField(OPTIONAL_RELATION, validators=[NAME])

    def rules(self, context):
        """Two different people, neither the applicant nor the achtervang."""
        emails = [self.referee1_email.data, self.referee2_email.data]
        found = rules.referee_problems(emails, context.own_emails())
        return {f"referee{position + 1}_email": text for position, text in found.items()}


NO_BACKUP_NAME = "Vul de naam van de achtervang in, of kies ‘Er is geen achtervang’."
NO_BACKUP_EMAIL = "Vul het e-mailadres van de achtervang in, of kies ‘Er is geen achtervang’."


class BackupForm(StepForm):
    """Step 5 for someone logged in: the achtervang (a one-person organisation has none)."""

    backup_name = StringField("Naam van de achtervang", validators=[NAME])
    backup_email = EmailField(
        "E-mailadres van de achtervang", validators=email_of("de achtervang", required=False)
    )
    no_backup = BooleanField("Er is geen achtervang: ik ben de enige in onze organisatie")

    def rules(self, context):
        """An achtervang (unless there is none) is someone else, and not a referee."""
        if self.no_backup.data:
            return {}
        own = context.applicant_email or context.get("contact_email")
        return {
            "backup_name": None if self.backup_name.data else NO_BACKUP_NAME,
            "backup_email": (None if self.backup_email.data else NO_BACKUP_EMAIL)
            or rules.backup_problem(own, self.backup_email.data)
            or rules.own_address_problem(self.backup_email.data, context.referee_emails()),
        }


class ContactForm(BackupForm):
    """Step 5 for a newcomer: the contactpersoon (the account is made when saving), and the
    achtervang. The password is asked on the last step: it never travels in hidden fields."""

    contact_name = StringField("Uw naam", validators=[DataRequired("Vul uw naam in."), NAME])
    contact_email = EmailField(
        "Uw e-mailadres",
        validators=[
            DataRequired("Vul uw e-mailadres in."),
            Email("Uw e-mailadres is geen geldig e-mailadres."),
            Length(max=254, message="Uw e-mailadres is te lang."),
        ],
    )

    def rules(self, context):
        """The contactpersoon is not a referee."""
        problems = super().rules(context)
        problems["contact_email"] = rules.own_address_problem(
            self.contact_email.data, context.referee_emails()
        )
        return problems


class ReviewForm(StepForm):
    """The last step for someone logged in: nothing to fill in, only to check and submit."""

    def rules(self, context):
        """Nothing beyond the earlier steps."""
        return {}


class PasswordForm(StepForm):
    """The last step for a newcomer: the password of the new account (or of the existing
    account with this address, which then logs in)."""

    password = PasswordField(
        "Wachtwoord",
        validators=[
            DataRequired("Kies een wachtwoord."),
            Length(max=200, message="Een wachtwoord heeft hoogstens 200 tekens."),
        ],
    )

    def rules(self, context):
        """A new account needs a long password."""
        email = context.get("contact_email")
        new_account = not (context.account_exists and context.account_exists(email))
        if new_account and len(self.password.data or "") < 10:
            return {"password": "Kies een wachtwoord van minstens 10 tekens."}
        return {}


class ReplaceRefereeForm(TextForm):
    """Another referee instead of one who does not answer."""

    name = StringField("Naam", validators=[DataRequired("Vul de naam in."), NAME])
    email = EmailField("E-mailadres", validators=EMAIL)
    organisation = StringField(OPTIONAL_ORGANISATION, validators=[NAME])
    relation = StringField(OPTIONAL_RELATION, validators=[NAME])

    def rules(self, context):
        """Not the other referee, not the applicant or the achtervang."""
        others = context.values["other_referees"]
        found = rules.referee_problems([*others, self.email.data], context.own_emails())
        return {"email": found.get(len(others))}
