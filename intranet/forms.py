"""What every form of the intranet shares: one base form (one-line fields hold one line),
the length of a line and the validators of an e-mail address, stripped text, choices from a
mapping, blank dates as empty, web addresses, unique clashes."""

import re
from contextlib import contextmanager
from types import SimpleNamespace
from urllib.parse import urlsplit

from flask_wtf import FlaskForm
from peewee import IntegrityError
from wtforms import DateField, EmailField, StringField, TextAreaField, ValidationError
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Email, Length

# C0 controls (CR, LF, tab, ...), DEL, and the Unicode line breaks NEL, LS and PS.
NOT_ONE_LINE = re.compile("[\x00-\x1f\x7f\x85\u2028\u2029]")
ONE_LINE = "Gebruik één regel tekst, zonder regeleinden of tabs."
TOO_LONG = "Gebruik hoogstens 200 tekens."
LINE = Length(max=200, message=TOO_LONG)  # a name, title or place: 200 characters at most
INVALID_EMAIL = "Dit is geen geldig e-mailadres."
EMAIL_LENGTH = 254  # the longest address SMTP carries (RFC 5321)


def email_address(required="Vul uw e-mailadres in."):
    """The validators of an e-mail address: given, well-formed, not longer than SMTP takes."""
    too_long = Length(max=EMAIL_LENGTH, message="Dit e-mailadres is te lang.")
    return [DataRequired(required), Email(INVALID_EMAIL), too_long]


class Form(FlaskForm):
    """Every form of the intranet derives from this (tests/test_trust_input.py checks it).

    A one-line field (any text field but a text area) that holds a line break or another
    control character gets a field error, so no name, subject or municipality can carry a
    header into an e-mail or a row into a file. WTForms' own messages ("Not a valid
    choice.") come in Dutch, from its bundled translations (WTF_I18N_ENABLED is off: that
    route needs Flask-Babel).
    """

    class Meta:
        locales = ("nl_NL", "nl")

    def validate(self, extra_validators=None):
        """The fields' own validation, then the one-line rule."""
        valid = super().validate(extra_validators)
        for field in self:
            if _one_line(field) and isinstance(field.data, str) and NOT_ONE_LINE.search(field.data):
                field.errors = [*field.errors, ONE_LINE]
                valid = False
        return valid


def choices(mapping, blank=None):
    """WTForms choices from a {value: label} mapping, optionally after a blank option."""
    options = [SelectChoice("", blank)] if blank else []
    return options + [SelectChoice(value, label) for value, label in mapping.items()]


def _clean(value):
    """Text as typed without surrounding spaces; nothing typed is ''."""
    return value.strip() if isinstance(value, str) else ("" if value is None else value)


class TextForm(Form):
    """A form whose text fields arrive stripped and never None."""

    class Meta:
        def bind_field(self, form, unbound_field, options):
            """Add the cleaning filter to every text field (not to passwords)."""
            if unbound_field.field_class in (StringField, EmailField, TextAreaField):
                options["filters"] = (*options.get("filters", ()), _clean)
            return unbound_field.bind(form=form, **options)


MARKUP = re.compile(r"[<>]")
NO_MARKUP = "Gebruik geen HTML: de tekens < en > kunnen hier niet."


class PublicForm(TextForm):
    """A form anyone may send without an account: its text fields take no HTML at all."""

    def validate(self, extra_validators=None):
        """The usual validation, then no < or > in any text field."""
        valid = super().validate(extra_validators)
        for field in self:
            if isinstance(field, StringField) and MARKUP.search(field.data or ""):
                field.errors = [*field.errors, NO_MARKUP]
                valid = False
        return valid


def _one_line(field):
    return isinstance(field, StringField) and not isinstance(field, TextAreaField)


@contextmanager
def unique(field, message):
    """Turn a unique-constraint clash while saving (two people at once) into a field error.

    `with unique(form.name, "...") as clash:` ... then `if clash.failed:` show the form again.
    """
    clash = SimpleNamespace(failed=False)
    try:
        yield clash
    except IntegrityError:
        field.errors = [*field.errors, message]
        clash.failed = True


WEBSITE = "Dit is geen geldig webadres: het begint met http:// of https://, zoals www.voorbeeld.nl."


def web_address(value):
    """The value as an http(s) address (https:// before a bare www.voorbeeld.nl), or None
    when it is no web address; "" stays "". Forms check with it, templates link with it."""
    text = (value or "").strip() if isinstance(value, str) else ""
    if not text:
        return ""
    if "://" not in text:
        text = f"https://{text}"
    try:
        parts = urlsplit(text)
        host = parts.hostname or ""
    except ValueError:  # e.g. a bad port or IPv6 literal
        return None
    if parts.scheme.lower() not in {"http", "https"} or "." not in host:
        return None
    if NOT_ONE_LINE.search(text) or any(char.isspace() for char in text):
        return None
    return text


class WebsiteField(StringField):
    """A website: only http(s) addresses; a bare www.voorbeeld.nl gets https:// before it."""

    def process_formdata(self, valuelist):
        """Keep the typed text; normalise it when it is a web address."""
        super().process_formdata(valuelist)
        normalised = web_address(self.data)
        if normalised:
            self.data = normalised

    def pre_validate(self, form):
        """Refuse anything that is not an http(s) address."""
        if web_address(self.data) is None:
            raise ValidationError(WEBSITE)


class DayField(DateField):
    """A date field: blank (spaces, tabs) counts as empty, anything else must be a date."""

    def __init__(self, *args, message="Dit is geen geldige datum.", **kwargs):
        super().__init__(*args, **kwargs)
        self.message = message

    def process_formdata(self, valuelist):
        """Parse the date; a blank value is no value at all (the validators then speak)."""
        if not any(value.strip() for value in valuelist):
            self.raw_data, self.data = [], None
            return
        try:
            super().process_formdata([value.strip() for value in valuelist])
        except ValueError as error:
            self.data = None
            raise ValueError(self.message) from error
