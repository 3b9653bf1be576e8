"""What every form of the intranet shares: stripped text, choices from a mapping."""

from flask_wtf import FlaskForm
from wtforms import EmailField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice


def choices(mapping, blank=None):
    """WTForms choices from a {value: label} mapping, optionally after a blank option."""
    options = [SelectChoice("", blank)] if blank else []
    return options + [SelectChoice(value, label) for value, label in mapping.items()]


def _clean(value):
    """Text as typed without surrounding spaces; nothing typed is ''."""
    return value.strip() if isinstance(value, str) else ("" if value is None else value)


class TextForm(FlaskForm):
    """A form whose text fields arrive stripped and never None."""

    class Meta:
        def bind_field(self, form, unbound_field, options):
            """Add the cleaning filter to every text field (not to passwords)."""
            if unbound_field.field_class in (StringField, EmailField, TextAreaField):
                options["filters"] = (*options.get("filters", ()), _clean)
            return unbound_field.bind(form=form, **options)
