"""The base of every form: one-line fields hold one line, blank dates count as empty."""

import re
from contextlib import contextmanager
from types import SimpleNamespace

from flask_wtf import FlaskForm
from peewee import IntegrityError
from wtforms import DateField, StringField, TextAreaField

# C0 controls (CR, LF, tab, ...), DEL, and the Unicode line breaks NEL, LS and PS.
NOT_ONE_LINE = re.compile("[\x00-\x1f\x7f\x85\u2028\u2029]")
ONE_LINE = "Gebruik één regel tekst, zonder regeleinden of tabs."


class Form(FlaskForm):
    """Every form of the intranet derives from this (tests/test_trust_input.py checks it).

    A one-line field (any text field but a text area) that holds a line break or another
    control character gets a field error, so no name, subject or municipality can carry a
    header into an e-mail or a row into a file.
    """

    def validate(self, extra_validators=None):
        """The fields' own validation, then the one-line rule."""
        valid = super().validate(extra_validators)
        for field in self:
            if _one_line(field) and NOT_ONE_LINE.search(field.data or ""):
                field.errors = [*field.errors, ONE_LINE]
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
