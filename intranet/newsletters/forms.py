"""The form of a newsletter: subject, introduction, werkvelden, items."""

from wtforms import StringField, TextAreaField
from wtforms.validators import DataRequired, Length

from intranet.forms import TextForm
from intranet.models import EDUCATION_WERKVELDEN, WERKVELDEN
from intranet.network.forms import Checkboxes, options


class NewsletterForm(TextForm):
    """Compose a newsletter from an introduction and published items."""

    subject = StringField(
        "Onderwerp",
        validators=[DataRequired("Vul een onderwerp in."), Length(max=150, message="Te lang.")],
    )
    introduction = TextAreaField(
        "Inleiding",
        validators=[DataRequired("Schrijf een inleiding."), Length(max=5000, message="Te lang.")],
    )
    werkvelden = Checkboxes(
        "Voor de werkvelden",
        choices=options((w, WERKVELDEN[w]) for w in EDUCATION_WERKVELDEN),
        validators=[DataRequired("Kies minstens één werkveld.")],
    )
    news = Checkboxes("Nieuws en goede praktijk", coerce=int)
    meetings = Checkboxes("Bijeenkomsten", coerce=int)
    activities = Checkboxes("Activiteiten van partners", coerce=int)

    def __init__(self, *args, news=(), meetings=(), activities=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.news.choices = options((item.id, item.title) for item in news)
        self.meetings.choices = options((m.id, m.title) for m in meetings)
        self.activities.choices = options(
            (a.id, f"{a.title} ({a.organisation.name})") for a in activities
        )
