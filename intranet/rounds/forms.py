"""Forms: a convenant period, opening a round, signing or declining, the vriend mailing."""

from wtforms import BooleanField, EmailField, StringField, TextAreaField
from wtforms.validators import (
    DataRequired,
    Email,
    InputRequired,
    Length,
    Optional,
    ValidationError,
)

from intranet.clock import today
from intranet.forms import DayField, Form
from intranet.rounds.models import ConvenantPeriod

DATE = "Vul een datum in."


class PeriodForm(Form):
    """Name, dates, signing deadline and text of a convenant period."""

    name = StringField(
        "Naam",
        validators=[DataRequired("Vul een naam in."), Length(max=200, message="Te lang.")],
    )
    starts_on = DayField("Begint op", validators=[InputRequired(DATE)])
    ends_on = DayField("Eindigt op (laatste dag)", validators=[InputRequired(DATE)])
    signing_deadline = DayField("Uiterste datum ondertekening", validators=[Optional()])
    text = TextAreaField(
        "Tekst van het convenant (artikelen)",
        validators=[
            DataRequired("Vul de tekst van het convenant in."),
            Length(max=100_000, message="De tekst is te lang."),
        ],
    )

    def __init__(self, *args, period=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.period = period

    def validate_name(self, field):
        """Names are unique."""
        clash = ConvenantPeriod.select().where(ConvenantPeriod.name == field.data.strip())
        if self.period is not None:
            clash = clash.where(ConvenantPeriod.id != self.period.id)
        if clash.exists():
            raise ValidationError("Er is al een periode met deze naam.")

    def validate_ends_on(self, field):
        """A period ends after it starts."""
        if self.starts_on.data and field.data and field.data <= self.starts_on.data:
            raise ValidationError("De einddatum moet na de begindatum liggen.")

    def validate_signing_deadline(self, field):
        """Partners sign before the period starts."""
        if self.starts_on.data and field.data and field.data >= self.starts_on.data:
            raise ValidationError("De ondertekening moet vóór de begindatum rond zijn.")


class RoundForm(Form):
    """Open a round until a deadline."""

    deadline = DayField("Reageren kan tot en met", validators=[InputRequired(DATE)])


class SignForm(Form):
    """Sign the convenant on behalf of the organisation."""

    signer_name = StringField(
        "Naam van de ondertekenaar",
        validators=[DataRequired("Vul uw naam in."), Length(max=200, message="Te lang.")],
    )
    signer_function = StringField(
        "Functie",
        validators=[DataRequired("Vul uw functie in."), Length(max=200, message="Te lang.")],
    )
    signed_on = DayField("Datum van ondertekening", validators=[InputRequired(DATE)])
    authorised = BooleanField(
        "Ik ben bevoegd om namens deze organisatie te tekenen",
        validators=[DataRequired("Bevestig dat u bevoegd bent om te tekenen.")],
    )

    def validate_signed_on(self, field):
        """A signature is not dated in the future."""
        if field.data and field.data > today():
            raise ValidationError("De datum kan niet in de toekomst liggen.")

    def signature(self):
        """The signature as the workflow's event data."""
        return {
            "signer_name": self.signer_name.data.strip(),
            "signer_function": self.signer_function.data.strip(),
            "signed_on": self.signed_on.data.isoformat(),
            "authorised": bool(self.authorised.data),
        }


class SignerForm(Form):
    """Name the person who signs for the organisation; they get a single-use link."""

    delegate_name = StringField(
        "Naam van wie tekent",
        validators=[DataRequired("Vul de naam in."), Length(max=200, message="Te lang.")],
    )
    delegate_function = StringField(
        "Functie van wie tekent",
        validators=[DataRequired("Vul de functie in."), Length(max=200, message="Te lang.")],
    )
    delegate_email = EmailField(
        "E-mailadres van wie tekent",
        validators=[
            DataRequired("Vul het e-mailadres in."),
            Email("Dit is geen geldig e-mailadres.", check_deliverability=False),
            Length(max=254, message="Te lang."),
        ],
    )


class PaperSignForm(Form):
    """The projectleider records a signature made on paper."""

    signer_name = StringField(
        "Naam van de ondertekenaar",
        validators=[DataRequired("Vul de naam in."), Length(max=200, message="Te lang.")],
    )
    signer_function = StringField(
        "Functie",
        validators=[DataRequired("Vul de functie in."), Length(max=200, message="Te lang.")],
    )
    signed_on = DayField("Datum op het getekende exemplaar", validators=[InputRequired(DATE)])

    def validate_signed_on(self, field):
        """A signature is not dated in the future."""
        if field.data and field.data > today():
            raise ValidationError("De datum kan niet in de toekomst liggen.")

    def signature(self):
        """The signature as the workflow's event data."""
        return {
            "signer_name": self.signer_name.data.strip(),
            "signer_function": self.signer_function.data.strip(),
            "signed_on": self.signed_on.data.isoformat(),
        }


class DeclineForm(Form):
    """Decline, with an optional reason."""

    reason = TextAreaField(
        "Reden (optioneel)",
        validators=[Optional(), Length(max=2000, message="Maximaal 2000 tekens.")],
    )


class MailingForm(Form):
    """A message to every vriend of LEF."""

    subject = StringField(
        "Onderwerp",
        validators=[DataRequired("Vul een onderwerp in."), Length(max=200, message="Te lang.")],
    )
    body = TextAreaField(
        "Tekst",
        validators=[DataRequired("Vul de tekst in."), Length(max=20_000, message="Te lang.")],
    )
