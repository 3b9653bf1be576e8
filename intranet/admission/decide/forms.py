"""Forms of the deciders: nominate with a deadline, vote, record a vote, comment."""

from datetime import UTC, datetime, time, timedelta

from wtforms import HiddenField, RadioField, SelectField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import AnyOf, InputRequired, Length, ValidationError

from intranet.admission.models import CHOICES
from intranet.admission.vote_rule import current_member_ids
from intranet.clock import AMSTERDAM, today
from intranet.forms import DayField, Form

MAX_TEXT = 5000
CHOOSE = "Kies voor, tegen of twijfel."


class NominateForm(Form):
    """Nominate an application to the projectgroep, open to votes until a date."""

    expected_state = HiddenField()
    deadline = DayField(
        "Stemmen kan tot en met",
        validators=[InputRequired("Kies de laatste dag van de stemming.")],
        message="Vul een geldige datum in (dag-maand-jaar).",
    )

    def validate_deadline(self, field):
        """The vote runs at least until tomorrow and at most a year."""
        if field.data is None:
            return  # not a date: the parse error says so
        if field.data <= today():
            raise ValidationError("Kies een datum na vandaag.")
        if field.data > today() + timedelta(days=366):
            raise ValidationError("Kies een datum binnen een jaar.")

    def deadline_utc(self):
        """The end of the chosen day in the Netherlands, as naive UTC (as stored)."""
        moment = datetime.combine(self.deadline.data, time(23, 59, 59), tzinfo=AMSTERDAM)
        return moment.astimezone(UTC).replace(tzinfo=None)


def _choice_field(label):
    return RadioField(
        label,
        choices=[SelectChoice(value, text) for value, text in CHOICES.items()],
        validate_choice=False,
        validators=[InputRequired(CHOOSE), AnyOf(list(CHOICES), message=CHOOSE)],
    )


class VoteForm(Form):
    """A member's vote: voor, tegen or twijfel, with an optional motivation."""

    choice = _choice_field("Uw stem")
    motivation = TextAreaField(
        "Motivering (optioneel)",
        validators=[Length(max=MAX_TEXT, message=f"Gebruik hoogstens {MAX_TEXT} tekens.")],
    )


def _int_or_none(value):
    """A member id from the form, or None for anything that is no number."""
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


class RecordVoteForm(VoteForm):
    """The projectleider records the vote a member gave in a meeting or by phone."""

    choice = _choice_field("Stem van het lid")
    member = SelectField(
        "Namens lid van de projectgroep",
        coerce=_int_or_none,
        validate_choice=False,
        validators=[InputRequired("Kies het lid namens wie u de stem vastlegt.")],
    )

    def validate_member(self, field):
        """Only a current member of the projectgroep."""
        if field.data not in current_member_ids():
            raise ValidationError("Kies een huidig lid van de projectgroep.")


class CommentForm(Form):
    """A contribution to a discussion of a case (admission/discussion.py)."""

    text = TextAreaField(
        "Uw reactie",
        validators=[
            InputRequired("Schrijf eerst uw reactie."),
            Length(max=MAX_TEXT, message=f"Gebruik hoogstens {MAX_TEXT} tekens."),
        ],
    )

    def validate_text(self, field):
        """Whitespace alone is no reaction."""
        if not field.data.strip():
            raise ValidationError("Schrijf eerst uw reactie.")
