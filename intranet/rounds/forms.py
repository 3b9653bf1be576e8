"""Forms: a convenant period, opening a round, signing or declining, the vriend mailing."""

from wtforms import BooleanField, EmailField, StringField, TextAreaField
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    Optional,
    ValidationError,
)

from intranet.clock import today
from intranet.forms import DayField, Form, email_address
from intranet.rounds.models import ConvenantPeriod

DATE = "Vul een datum in."


def _line(label, message):
    """A required one-line text of at most 200 characters; `message` when it is empty."""
    return StringField(
        label, validators=[DataRequired(message), Length(max=200, message="Te lang.")]
    )


class PeriodForm(Form):
    """Name, dates, signing deadline and text of a convenant period."""

    name = _line("Naam", "Vul een naam in.")
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


def _signer_fields(name_message, function_message, date_label):
    """Who signed, in which function, on which day: the fields of both signature forms.

    The wording differs: the online form addresses the signer, the paper form the
    projectleider who copies a signature made on paper.
    """
    return (
        _line("Naam van de ondertekenaar", name_message),
        _line("Functie", function_message),
        DayField(date_label, validators=[InputRequired(DATE)]),
    )


class _SignatureForm(Form):
    """The rules and the event data both signature forms share."""

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


class SignForm(_SignatureForm):
    """Sign the convenant on behalf of the organisation."""

    signer_name, signer_function, signed_on = _signer_fields(
        "Vul uw naam in.", "Vul uw functie in.", "Datum van ondertekening"
    )
    authorised = BooleanField(
        "Ik ben bevoegd om namens deze organisatie te tekenen",
        validators=[DataRequired("Bevestig dat u bevoegd bent om te tekenen.")],
    )

    def signature(self):
        """The signature, with the signer's word that they may sign."""
        return super().signature() | {"authorised": bool(self.authorised.data)}


class SignerForm(Form):
    """Name the person who signs for the organisation; they get a single-use link."""

    delegate_name = _line("Naam van wie tekent", "Vul de naam in.")
    delegate_function = _line("Functie van wie tekent", "Vul de functie in.")
    delegate_email = EmailField(
        "E-mailadres van wie tekent",
        validators=email_address("Vul het e-mailadres in."),
    )


class PaperSignForm(_SignatureForm):
    """The projectleider records a signature made on paper."""

    signer_name, signer_function, signed_on = _signer_fields(
        "Vul de naam in.", "Vul de functie in.", "Datum op het getekende exemplaar"
    )


class DeclineForm(Form):
    """Decline, with an optional reason."""

    reason = TextAreaField(
        "Reden (optioneel)",
        validators=[Optional(), Length(max=2000, message="Maximaal 2000 tekens.")],
    )


class MailingForm(Form):
    """A message to every vriend of LEF."""

    subject = _line("Onderwerp", "Vul een onderwerp in.")
    body = TextAreaField(
        "Tekst",
        validators=[DataRequired("Vul de tekst in."), Length(max=20_000, message="Te lang.")],
    )
