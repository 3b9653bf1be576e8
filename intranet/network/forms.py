"""Forms: a meeting, a programme part, a contribution, a jaargesprek, a message to members,
a public registration and a walk-in."""

from datetime import time

from wtforms import (
    BooleanField,
    EmailField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    TimeField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)
from wtforms.widgets import CheckboxInput, ListWidget

from intranet.clock import now, utc
from intranet.deadlines import end_of
from intranet.forms import LINE, DayField, PublicForm, TextForm, email_address
from intranet.models import User
from intranet.network.models import AUDIENCES, MEETING_KINDS
from intranet.network.publishing import named_addresses

TEXT = Length(max=5000, message="Gebruik hoogstens 5000 tekens.")


def options(pairs):
    """WTForms choices from (value, label) pairs."""
    return [SelectChoice(value, label) for value, label in pairs]


class Checkboxes(SelectMultipleField):
    """Several choices as checkboxes."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class DutchTime(TimeField):
    """A time field whose parse error is Dutch."""

    def process_formdata(self, valuelist):
        """Parse HH:MM; complain in Dutch about anything else."""
        try:
            super().process_formdata(valuelist)
        except ValueError as error:
            self.data = None
            raise ValueError("Vul een tijd in als uu:mm, bijvoorbeeld 09:00.") from error


class MeetingForm(TextForm):
    """A meeting's kind, title, time, place, capacity and audience."""

    kind = SelectField("Soort", choices=options(MEETING_KINDS.items()))
    title = StringField("Titel", validators=[DataRequired("Vul een titel in."), LINE])
    description = TextAreaField("Omschrijving", validators=[Optional(), TEXT])
    day = DayField("Datum", validators=[InputRequired("Vul een datum in.")])
    starts = DutchTime("Begint om", validators=[InputRequired("Vul een begintijd in.")])
    ends = DutchTime("Eindigt om", validators=[InputRequired("Vul een eindtijd in.")])
    location = StringField("Locatie", validators=[Optional(), LINE])
    capacity = IntegerField(
        "Aantal plaatsen (leeg: onbeperkt)",
        validators=[Optional(), NumberRange(min=1, max=100_000, message="Kies 1 of meer.")],
    )
    audience = SelectField("Wie worden uitgenodigd", choices=options(AUDIENCES.items()))
    networks = Checkboxes("Netwerken (bij ‘leden van gekozen netwerken’)", coerce=int)
    named_emails = TextAreaField(
        "Genoemde personen (bij ‘genoemde personen’): één e-mailadres per regel",
        validators=[Optional(), TEXT],
    )
    walk_in = DutchTime("Inloop vanaf (leeg: geen inloop)", validators=[Optional()])
    registration_deadline = DayField(
        "Aanmelden kan tot en met (leeg: tot het begin)", validators=[Optional()]
    )
    asks_contributions = BooleanField("Vraag partners om bijdragen aan het programma")
    contributions_call = TextAreaField("Oproep voor bijdragen", validators=[Optional(), TEXT])

    def __init__(self, *args, networks=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.networks.choices = options((n.id, n.name) for n in networks)

    @property
    def starts_at(self):
        """The start as naive UTC."""
        return utc(self.day.data, self.starts.data or time(0))

    @property
    def ends_at(self):
        """The end as naive UTC."""
        return utc(self.day.data, self.ends.data or time(0))

    @property
    def walk_in_at(self):
        """The inloop as naive UTC, or None."""
        return utc(self.day.data, self.walk_in.data) if self.walk_in.data else None

    @property
    def registration_closes_at(self):
        """The end of the last day to register (deadlines.py), or None."""
        day = self.registration_deadline.data
        return end_of(day) if day else None

    def validate_walk_in(self, field):
        """The inloop begins before the meeting does."""
        if field.data and self.starts.data and field.data >= self.starts.data:
            raise ValidationError("De inloop begint vóór de bijeenkomst.")

    def validate_registration_deadline(self, field):
        """Registering closes on or before the day of the meeting."""
        if field.data and self.day.data and field.data > self.day.data:
            raise ValidationError("Kies een dag op of vóór de dag van de bijeenkomst.")

    def validate_ends(self, field):
        """The end lies after the start."""
        if self.day.data and self.starts.data and field.data and field.data <= self.starts.data:
            raise ValidationError("Het einde moet na het begin liggen.")

    def validate_day(self, field):
        """A meeting is planned in the future."""
        if field.data and self.starts.data and self.starts_at <= now():
            raise ValidationError("Deze datum en tijd liggen in het verleden.")

    def validate_networks(self, field):
        """A meeting for networks names at least one."""
        if self.audience.data == "netwerken" and not field.data:
            raise ValidationError("Kies minstens één netwerk.")

    def validate_named_emails(self, field):
        """Named people have an account here."""
        addresses = named_addresses(field.data or "")
        if self.audience.data == "personen" and not addresses:
            raise ValidationError("Noem minstens één e-mailadres.")
        known = {u.email for u in User.select(User.email).where(User.email.in_(addresses))}
        unknown = [address for address in addresses if address not in known]
        if unknown:
            raise ValidationError("Onbekend e-mailadres: " + ", ".join(unknown[:5]) + ".")


class PartForm(TextForm):
    """A part of the programme, optionally of one network."""

    title = StringField("Onderdeel", validators=[DataRequired("Vul een titel in."), LINE])
    description = TextAreaField("Toelichting", validators=[Optional(), TEXT])
    network = SelectField("Netwerk (optioneel)", coerce=int, validators=[Optional()])

    def __init__(self, *args, networks=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.network.choices = options(
            [(0, "Geen: voor iedereen")] + [(n.id, n.name) for n in networks]
        )


class ContributionForm(TextForm):
    """A partner's proposal: what, with whom, what it needs, for which network."""

    organisation = SelectField("Namens", coerce=int)
    title = StringField(
        "Titel van uw bijdrage", validators=[DataRequired("Vul een titel in."), LINE]
    )
    description = TextAreaField(
        "Omschrijving", validators=[DataRequired("Beschrijf uw bijdrage."), TEXT]
    )
    partners_involved = TextAreaField("Betrokken partners", validators=[Optional(), TEXT])
    needs = TextAreaField(
        "Wat heeft u nodig (ruimte, tijd, materiaal)", validators=[Optional(), TEXT]
    )
    network = SelectField("Voor netwerk (optioneel)", coerce=int, validators=[Optional()])

    def __init__(self, *args, organisations=(), networks=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation.choices = options((o.id, o.name) for o in organisations)
        self.network.choices = options(
            [(0, "Geen bepaald netwerk")] + [(n.id, n.name) for n in networks]
        )


class JaargesprekForm(TextForm):
    """Plan a partner's jaargesprek, or record it as held."""

    planned_on = DayField("Datum", validators=[InputRequired("Vul een datum in.")])
    who = StringField("Met wie", validators=[DataRequired("Vul in met wie."), LINE])
    held = BooleanField("Het gesprek is gehouden")
    notes = TextAreaField("Verslag", validators=[Optional(), TEXT])
    follow_ups = TextAreaField("Afspraken en vervolgacties", validators=[Optional(), TEXT])


class MessageForm(TextForm):
    """A message from a zichthouder to the network's members."""

    subject = StringField("Onderwerp", validators=[DataRequired("Vul een onderwerp in."), LINE])
    body = TextAreaField("Bericht", validators=[DataRequired("Schrijf een bericht."), TEXT])


ANDERS = "anders"
NAME = [DataRequired("Vul uw naam in."), LINE]


def organisation_choices(organisations):
    """A partner or vriend from the list, or "anders" (then typed in another field)."""
    return [
        ("", "Kies uw organisatie"),
        *((str(o.id), o.name) for o in organisations),
        (ANDERS, "Anders, namelijk …"),
    ]


class RegistrationForm(PublicForm):
    """Registering for a public meeting without an account."""

    name = StringField("Naam", validators=NAME)
    email = EmailField("E-mailadres", validators=email_address())
    organisation = SelectField("Organisatie", validators=[DataRequired("Kies uw organisatie.")])
    organisation_other = StringField("Andere organisatie", validators=[Optional(), LINE])
    consent = BooleanField(
        "Ik ga akkoord met de privacyverklaring: mijn naam, e-mailadres en organisatie worden "
        "gebruikt voor deze bijeenkomst.",
        validators=[DataRequired("Geef toestemming om u aan te melden.")],
    )

    def __init__(self, *args, organisations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation.choices = organisation_choices(organisations)

    def validate_organisation_other(self, field):
        """ "Anders" names the organisation."""
        if self.organisation.data == ANDERS and not field.data:
            raise ValidationError("Vul de naam van uw organisatie in.")

    @property
    def organisation_id(self):
        """The chosen organisation's id, or None for "anders"."""
        value = self.organisation.data or ""
        return int(value) if value.isdecimal() else None


class WalkInForm(RegistrationForm):
    """Someone who walks in on the day: name and organisation (no address, no consent)."""

    email = None
    consent = None
