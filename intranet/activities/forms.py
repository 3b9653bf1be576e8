"""The form of an activity, and the reasons for sending one back or taking it offline."""

from wtforms import SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from intranet.forms import LINE, DayField, PublicForm, TextForm, WebsiteField, choices
from intranet.models import EDUCATION_WERKVELDEN, WERKVELDEN
from intranet.network.forms import options

ADDRESS = Length(max=200, message="Een webadres heeft hoogstens 200 tekens.")
EDUCATION = {w: WERKVELDEN[w] for w in EDUCATION_WERKVELDEN}


class ActivityForm(PublicForm):
    """Title, audience, werkveld, dates, link and a short description; no HTML (it is shown
    on public pages and in newsletters)."""

    organisation = SelectField("Organisatie", choices=[], validate_choice=False)
    title = StringField("Titel", validators=[DataRequired("Vul een titel in."), LINE])
    audience = StringField(
        "Voor wie (bijvoorbeeld leerlingen groep 7 en 8, docenten)",
        validators=[DataRequired("Vul in voor wie het is."), LINE],
    )
    werkveld = SelectField(
        "Werkveld",
        choices=choices(EDUCATION, blank="Kies een werkveld"),
        validators=[DataRequired("Kies een werkveld.")],
        validate_choice=False,
    )
    starts_on = DayField("Eerste dag", validators=[DataRequired("Vul de eerste dag in.")])
    ends_on = DayField("Laatste dag (leeg bij één dag)", validators=[Optional()])
    link = WebsiteField(
        "Link naar meer informatie of aanmelden",
        validators=[Optional(), ADDRESS],
    )
    description = TextAreaField(
        "Korte beschrijving",
        validators=[
            DataRequired("Beschrijf de activiteit in een paar zinnen."),
            Length(max=1000, message="Gebruik hoogstens 1000 tekens."),
        ],
    )

    def __init__(self, *args, organisations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation.choices = options((str(o.id), o.name) for o in organisations)

    def validate_organisation(self, field):
        """One of the organisations offered."""
        if field.data not in {choice.value for choice in field.choices}:
            raise ValidationError("Kies een van uw organisaties.")

    def validate_werkveld(self, field):
        """One of the werkvelden of education."""
        if field.data not in EDUCATION:
            raise ValidationError("Kies een werkveld uit de lijst.")

    def validate_ends_on(self, field):
        """The last day is not before the first."""
        if field.data and self.starts_on.data and field.data < self.starts_on.data:
            raise ValidationError("De laatste dag ligt niet voor de eerste.")

    @property
    def organisation_id(self):
        """The chosen organisation's id."""
        return int(self.organisation.data)


class ReturnForm(TextForm):
    """Why an activity goes back to the partner."""

    reason = TextAreaField(
        "Reden (de contactpersoon krijgt die per e-mail)",
        validators=[
            DataRequired("Schrijf waarom u de activiteit terugstuurt."),
            Length(max=2000, message="Gebruik hoogstens 2000 tekens."),
        ],
    )


class OfflineForm(TextForm):
    """Why a published activity goes offline: the projectleider says why (the contactpersoon
    gets it by mail), a contactpersoon may."""

    reason = TextAreaField(
        "Reden",
        validators=[Length(max=2000, message="Gebruik hoogstens 2000 tekens.")],
    )

    def __init__(self, *args, leader=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.leader = leader
        if leader:
            self.reason.label.text = "Reden (de contactpersoon krijgt die per e-mail)"
        else:
            self.reason.label.text = "Reden (niet verplicht)"

    def validate_reason(self, field):
        """The projectleider says why."""
        if self.leader and not field.data:
            raise ValidationError("Schrijf waarom u de activiteit offline haalt.")
