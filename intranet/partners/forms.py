"""Forms for a partner's profile and its contactpersonen."""

from wtforms import (
    EmailField,
    IntegerField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from intranet.forms import LINE, Form, WebsiteField, email_address
from intranet.models import MEMBERSHIP_TYPES, SECTORS
from intranet.models.people import CONTACT_KINDS


def options(mapping):
    """Select or radio choices from a {value: label} mapping."""
    return [SelectChoice(value, label) for value, label in mapping.items()]


def _strip(value):
    return value.strip() if isinstance(value, str) else value


class CountField(IntegerField):
    """A whole number typed the Dutch way (1.200 is twelve hundred)."""

    def process_formdata(self, valuelist):
        """Read the number; a bad one is a Dutch error next to the field."""
        cleaned = [value.replace(".", "").replace(" ", "") for value in valuelist]
        try:
            super().process_formdata(cleaned)
        except ValueError as error:
            raise ValueError("Vul een heel getal in, bijvoorbeeld 1200.") from error


class ProfileForm(Form):
    """What a partner's contactpersonen keep current."""

    municipality = StringField(
        "Gemeente",
        filters=[_strip],
        validators=[
            DataRequired("Vul de gemeente in."),
            Length(max=100, message="Een gemeente heeft hoogstens 100 tekens."),
        ],
    )
    website = WebsiteField(
        "Website",
        validators=[
            Optional(),
            Length(max=200, message="Een webadres heeft hoogstens 200 tekens."),
        ],
    )
    profile = TextAreaField(
        "Korte beschrijving",
        filters=[_strip],
        validators=[Length(max=2000, message="Houd de beschrijving onder de 2000 tekens.")],
    )
    pupil_count = CountField(
        "Aantal leerlingen of kindplaatsen",
        validators=[
            Optional(),
            NumberRange(0, 1_000_000, "Vul een aantal van 0 tot 1.000.000 in."),
        ],
    )


class ManagerProfileForm(ProfileForm):
    """The projectleider also keeps the name, sector and membership type."""

    name = StringField(
        "Naam",
        filters=[_strip],
        validators=[DataRequired("Vul de naam in."), LINE],
    )
    sector = SelectField("Sector", choices=options(SECTORS))
    membership_type = SelectField("Lidmaatschap", choices=options(MEMBERSHIP_TYPES))


class InviteForm(Form):
    """Invite a colleague as contactpersoon or achtervang."""

    name = StringField(
        "Naam",
        filters=[_strip],
        validators=[
            DataRequired("Vul de naam van uw collega in."),
            LINE,
        ],
    )
    email = EmailField(
        "E-mailadres",
        filters=[_strip],
        validators=email_address("Vul het e-mailadres van uw collega in."),
    )
    kind = RadioField("Rol", choices=options(CONTACT_KINDS), default="primary")
