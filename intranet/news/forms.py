"""The form of a news item or good-practice story."""

from flask_wtf.file import FileField
from wtforms import SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from intranet.forms import LINE, TextForm, choices
from intranet.models import EDUCATION_WERKVELDEN, HOOFDTHEMAS, WERKVELDEN
from intranet.network.forms import Checkboxes, options
from intranet.news.models import KINDS


class NewsForm(TextForm):
    """Title, summary, Markdown text, an image with its alt text, and the tags."""

    kind = SelectField("Soort", choices=choices(KINDS))
    title = StringField("Titel", validators=[DataRequired("Vul een titel in."), LINE])
    summary = TextAreaField(
        "Samenvatting (één of twee zinnen)",
        validators=[Optional(), Length(max=500, message="Gebruik hoogstens 500 tekens.")],
    )
    body = TextAreaField(
        "Tekst (Markdown)",
        validators=[Optional(), Length(max=20000, message="Gebruik hoogstens 20000 tekens.")],
    )
    image = FileField("Afbeelding (PNG, JPEG of WebP)")
    image_alt = StringField("Beschrijving van de afbeelding (alt-tekst)", validators=[LINE])
    hoofdthema = SelectField("Hoofdthema", choices=choices(HOOFDTHEMAS, blank="Geen"))
    network = SelectField("Netwerk", choices=[])
    werkvelden = Checkboxes(
        "Werkvelden (voor de nieuwsbrieven)",
        choices=options((w, WERKVELDEN[w]) for w in EDUCATION_WERKVELDEN),
    )

    def __init__(self, *args, networks=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.network.choices = [("", "Geen"), *((str(n.id), n.name) for n in networks)]

    def validate_image_alt(self, field):
        """An image has an alt text (an image that is already there too)."""
        has_image = bool(self.image.data) or bool(getattr(self, "existing_image", ""))
        if has_image and not field.data:
            raise ValidationError("Beschrijf de afbeelding voor wie haar niet ziet.")

    @property
    def network_id(self):
        """The chosen network's id, or None."""
        value = self.network.data or ""
        return int(value) if value.isdecimal() and len(value) < 10 else None
