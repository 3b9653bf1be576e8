"""Forms for accounts and seats."""

from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, EmailField, SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Email, Length

from intranet.models import GROUPS, HOOFDTHEMAS, WERKVELDEN

TOO_LONG = "Gebruik hoogstens 200 tekens."


def _strip(value):
    return value.strip() if isinstance(value, str) else value


def _choices(mapping, empty):
    return [SelectChoice("", empty), *(SelectChoice(k, v) for k, v in mapping.items())]


class DutchDateField(DateField):
    """A date from the browser's date picker; a bad one is a Dutch error at the field."""

    def process_formdata(self, valuelist):
        """Read the date; say in Dutch what is wrong."""
        try:
            super().process_formdata(valuelist)
        except ValueError as error:
            raise ValueError("Vul een geldige datum in, bijvoorbeeld 2026-08-01.") from error


NAME = [DataRequired("Vul de naam in."), Length(max=200, message=TOO_LONG)]
EMAIL = [
    DataRequired("Vul het e-mailadres in."),
    Email("Dit is geen geldig e-mailadres."),
    Length(max=200, message=TOO_LONG),
]


class InviteForm(FlaskForm):
    """Invite a person: an account without a password, and a link to choose one."""

    name = StringField("Naam", filters=[_strip], validators=NAME)
    email = EmailField("E-mailadres", filters=[_strip], validators=EMAIL)


class NameForm(FlaskForm):
    """Change the name of an account."""

    name = StringField("Naam", filters=[_strip], validators=NAME)


class EmailForm(FlaskForm):
    """Change the address: the new one is confirmed first."""

    email = EmailField("Nieuw e-mailadres", filters=[_strip], validators=EMAIL)


class SeatForm(FlaskForm):
    """Give a person a seat in a group, from one date up to another."""

    email = EmailField("E-mailadres van het account", filters=[_strip], validators=EMAIL)
    group = SelectField("Groep", choices=[SelectChoice(k, v) for k, v in GROUPS.items()])
    werkveld = SelectField(
        "Werkveld (projectgroep)", choices=_choices(WERKVELDEN, "—"), validate_choice=False
    )
    hoofdthema = SelectField(
        "Hoofdthema (projectgroep)", choices=_choices(HOOFDTHEMAS, "—"), validate_choice=False
    )
    starts_on = DutchDateField("Begindatum", validators=[DataRequired("Vul de begindatum in.")])
    ends_on = DutchDateField(
        "Einddatum (vanaf deze dag geen lid meer)",
        validators=[DataRequired("Vul de einddatum in; een zetel is er normaal voor vier jaar.")],
    )
    voorzitter = BooleanField("Voorzitter van de regiegroep")


class EndSeatForm(FlaskForm):
    """End a seat on a day."""

    ends_on = DutchDateField("Geen lid meer vanaf", validators=[DataRequired("Vul de datum in.")])
