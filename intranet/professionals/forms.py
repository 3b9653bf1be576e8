"""Forms: signing up as a professional, and choosing newsletters."""

from wtforms import BooleanField, EmailField, PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, EqualTo

from intranet.auth.forms import NEW_PASSWORD
from intranet.forms import LINE, Form, PublicForm, email_address
from intranet.models import EDUCATION_WERKVELDEN, WERKVELDEN
from intranet.network.forms import Checkboxes, options


class SignUpForm(PublicForm):
    """A professional of a partner or vriend makes an account."""

    name = StringField("Naam", validators=[DataRequired("Vul uw naam in."), LINE])
    email = EmailField("E-mailadres (van uw werk)", validators=email_address())
    organisation = SelectField("Organisatie", validators=[DataRequired("Kies uw organisatie.")])
    password = PasswordField("Wachtwoord", validators=NEW_PASSWORD)
    confirm = PasswordField(
        "Herhaal het wachtwoord",
        validators=[EqualTo("password", "De wachtwoorden zijn niet gelijk.")],
    )
    consent = BooleanField(
        "Ik ga akkoord met de privacyverklaring: mijn naam, e-mailadres en organisatie worden "
        "bewaard voor het netwerk.",
        validators=[DataRequired("Geef toestemming om een account te maken.")],
    )

    def __init__(self, *args, organisations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation.choices = [
            ("", "Kies uw organisatie"),
            *((str(o.id), o.name) for o in organisations),
        ]

    @property
    def organisation_id(self):
        """The chosen organisation's id (0 for nothing sensible)."""
        value = self.organisation.data or ""
        return int(value) if value.isdecimal() and len(value) < 10 else 0


class NewslettersForm(Form):
    """Which werkvelden' newsletters this person receives."""

    werkvelden = Checkboxes(
        "Nieuwsbrieven per werkveld",
        choices=options((w, WERKVELDEN[w]) for w in EDUCATION_WERKVELDEN),
    )
