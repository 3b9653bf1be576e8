"""Forms for accounts and seats."""

from wtforms import BooleanField, EmailField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length

from intranet.forms import LINE, DayField, TextForm, choices, email_address
from intranet.models import GROUPS, HOOFDTHEMAS, WERKVELDEN

DAY = "Vul een geldige datum in, bijvoorbeeld 2026-08-01."
NAME = [DataRequired("Vul de naam in."), LINE]
EMAIL = email_address("Vul het e-mailadres in.")


class InviteForm(TextForm):
    """Invite a person: an account without a password, and a link to choose one."""

    name = StringField("Naam", validators=NAME)
    email = EmailField("E-mailadres", validators=EMAIL)


class NameForm(TextForm):
    """Change the name of an account."""

    name = StringField("Naam", validators=NAME)


class EmailForm(TextForm):
    """Change the address: the new one is confirmed first."""

    email = EmailField("Nieuw e-mailadres", validators=EMAIL)


class SeatForm(TextForm):
    """Give a person a seat in a group, from one date up to another.

    The person is chosen from the active accounts (`people` below), never typed; there is no
    group chosen beforehand.
    """

    person = SelectField(
        "Persoon", validators=[DataRequired("Kies de persoon.")], validate_choice=False
    )
    group = SelectField(
        "Groep",
        choices=choices(GROUPS, "— kies de groep —"),
        validators=[DataRequired("Kies de groep.")],
        validate_choice=False,
    )
    werkveld = SelectField(
        "Werkveld (projectgroep)", choices=choices(WERKVELDEN, "—"), validate_choice=False
    )
    hoofdthema = SelectField(
        "Hoofdthema (projectgroep)", choices=choices(HOOFDTHEMAS, "—"), validate_choice=False
    )
    starts_on = DayField(
        "Begindatum", message=DAY, validators=[DataRequired("Vul de begindatum in.")]
    )
    ends_on = DayField(
        "Einddatum (vanaf deze dag geen lid meer)",
        message=DAY,
        validators=[DataRequired("Vul de einddatum in; een zetel is er normaal voor vier jaar.")],
    )
    voorzitter = BooleanField("Voorzitter van de regiegroep (de regiegroep bevestigt het)")
    over_plan = TextAreaField(
        "Boven het plan: waarom?",
        validators=[Length(max=500, message="Gebruik hoogstens 500 tekens.")],
    )

    def people(self, accounts, chosen=None):
        """Offer these accounts ([(id, label)]) to choose from."""
        self.person.choices = [("", "— kies een persoon —")] + [
            (str(account_id), label) for account_id, label in accounts
        ]
        if chosen is not None:
            self.person.data = str(chosen)
        return self


class EndSeatForm(TextForm):
    """End a seat on a day."""

    ends_on = DayField(
        "Geen lid meer vanaf", message=DAY, validators=[DataRequired("Vul de datum in.")]
    )
