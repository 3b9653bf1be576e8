"""The forms of the application: one WTForms form per step, with the route's rules."""

from wtforms import (
    BooleanField,
    EmailField,
    HiddenField,
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
from intranet.forms import EMAIL_LENGTH, LINE, TextForm, WebsiteField, choices, email_address
from intranet.models import SECTORS

NAME = LINE
EMAIL = email_address("Vul een e-mailadres in.")


def email_of(whose, required=True):
    """An e-mail field's checks, each message naming whose address it is ('referent 2')."""
    return [
        DataRequired(f"Vul het e-mailadres van {whose} in.") if required else Optional(),
        Email(f"Het e-mailadres van {whose} is geen geldig e-mailadres."),
        Length(max=EMAIL_LENGTH, message=f"Het e-mailadres van {whose} is te lang."),
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


REFEREE_PARTS = ("name", "email", "organisation", "relation")
REFEREE_NUMBERS = range(1, rules.MAX_REFEREES + 1)
ORDINALS = ("Eerste", "Tweede", "Derde", "Vierde", "Vijfde")
ADD_REFEREE = "add-referee"  # the button that shows one referee more (no JavaScript needed)


def referee_field(number, part):
    """The name of a referee's field: referee3_email."""
    return f"referee{number}_{part}"


def given_referees(values):
    """The referees filled in, in order: [{part: text}] (a referee left empty is skipped)."""
    given = []
    for number in REFEREE_NUMBERS:
        referee = {
            part: str(values.get(referee_field(number, part)) or "").strip()
            for part in REFEREE_PARTS
        }
        if any(referee.values()):
            given.append(referee)
    return given


def referees_shown(values):
    """How many referees the step shows: at least the minimum, every one filled in, and as
    many as were asked for with 'nog een referent toevoegen' (at most the maximum)."""
    try:
        asked = int(str(values.get("referee_count") or 0))
    except ValueError:
        asked = 0
    filled = [
        number
        for number in REFEREE_NUMBERS
        if any(str(values.get(referee_field(number, part)) or "").strip() for part in REFEREE_PARTS)
    ]
    return max(rules.MIN_REFEREES, min(asked, rules.MAX_REFEREES), *filled)


class RefereesForm(StepForm):
    """Step 4 (uitgebreid only): at least two referees, and up to a few more.

    The fields referee1_name .. referee5_relation are added below; the first referees are
    required, a later one only once any of its fields is filled in.
    """

    referee_count = HiddenField()
    maximum = rules.MAX_REFEREES
    add_button = ADD_REFEREE  # the value of the button that shows one more

    def shown(self):
        """How many referees this form shows."""
        return referees_shown(self.data)

    def add_referee(self):
        """Show one referee more (the 'nog een referent toevoegen' button); the new number."""
        self.referee_count.data = str(min(self.shown() + 1, rules.MAX_REFEREES))
        return self.shown()

    def referees(self):
        """[(number, its legend, [its fields])] of the referees shown."""
        return [
            (
                number,
                f"{ORDINALS[number - 1]} referent"
                + ("" if number <= rules.MIN_REFEREES else " (optioneel)"),
                [self[referee_field(number, part)] for part in REFEREE_PARTS],
            )
            for number in REFEREE_NUMBERS[: self.shown()]
        ]

    def rules(self, context):
        """Different people, none the applicant or the achtervang; a later referee that is
        begun is finished (a name and an address)."""
        emails = [self[referee_field(n, "email")].data for n in REFEREE_NUMBERS]
        found = rules.referee_problems(emails, context.own_emails())
        problems = {referee_field(at + 1, "email"): text for at, text in found.items()}
        for number in REFEREE_NUMBERS[rules.MIN_REFEREES :]:
            fields = {part: self[referee_field(number, part)].data for part in REFEREE_PARTS}
            if any((value or "").strip() for value in fields.values()):
                for part, missing in (("name", NAME_OF), ("email", EMAIL_OF)):
                    if not (fields[part] or "").strip():
                        problems[referee_field(number, part)] = missing.format(number)
        return problems


NAME_OF = "Vul de naam van referent {} in."
EMAIL_OF = "Vul het e-mailadres van referent {} in."


def _add_referee_fields(form_class):
    """Give the form its referees' fields: referee1_name, referee1_email, ..."""
    for number in REFEREE_NUMBERS:
        required = number <= rules.MIN_REFEREES
        name = [DataRequired(NAME_OF.format(number)), NAME] if required else [NAME]
        fields = {
            "name": StringField("Naam", validators=name),
            "email": EmailField(
                "E-mailadres", validators=email_of(f"referent {number}", required=required)
            ),
            "organisation": StringField(OPTIONAL_ORGANISATION, validators=[NAME]),
            "relation": StringField(OPTIONAL_RELATION, validators=[NAME]),
        }
        for part in REFEREE_PARTS:
            setattr(form_class, referee_field(number, part), fields[part])


_add_referee_fields(RefereesForm)


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
