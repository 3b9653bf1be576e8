"""The form on which the projectleider sets a schooljaar's rates."""

from decimal import Decimal

from wtforms import SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import ValidationError

from intranet.fees.export import dutch_number, parse_dutch_number
from intranet.fees.models import BASES, KINDS
from intranet.forms import Form

MAXIMUM = Decimal("99999999.99")  # what DecimalField(max_digits=10, decimal_places=2) holds


def options(mapping):
    """Select choices from a {value: label} mapping."""
    return [SelectChoice(value, label) for value, label in mapping.items()]


class AmountField(StringField):
    """An amount typed the Dutch way; empty or 'PM' means not yet set (None)."""

    def _value(self):
        if self.raw_data:
            return self.raw_data[0]
        return "PM" if self.data is None else dutch_number(self.data)

    def process_formdata(self, valuelist):
        """Read '1.234,50', '€ 1,50' or 'PM'; a bad amount is an error next to the field."""
        self.data = None
        if not valuelist:  # not sent at all: a tampered form must not wipe the amounts
            raise ValueError("Vul een bedrag in, of PM als het nog niet vaststaat.")
        text = valuelist[0].strip()
        if not text or text.upper() == "PM":
            return
        self.data = parse_dutch_number(text)  # WTForms shows its ValueError at the field

    def pre_validate(self, form):
        """Amounts are whole cents, not negative, and fit the column."""
        if self.data is None:
            return
        if self.data.as_tuple().exponent < -2:
            raise ValidationError("Gebruik hoogstens twee cijfers achter de komma.")
        if self.data > MAXIMUM:
            raise ValidationError("Dit bedrag is te groot.")


class RatesForm(Form):
    """Per kind of partner: how the fee is computed and the amount (or PM)."""

    @classmethod
    def for_rates(cls, rates):
        """A form with a basis and an amount field per kind, filled from {kind: (basis, amount)}."""

        class Form(cls):
            pass

        data = {}
        for kind, label in KINDS.items():
            basis, amount = rates.get(kind, ("vast", None))
            setattr(
                Form,
                f"basis_{kind}",
                SelectField(f"Berekening {label}", choices=options(BASES)),
            )
            setattr(Form, f"amount_{kind}", AmountField(f"Bedrag {label}"))
            data.update({f"basis_{kind}": basis, f"amount_{kind}": amount})
        return Form(data=data)

    def rows(self):
        """(kind label, basis field, amount field) per kind, for the template."""
        return [(label, self[f"basis_{k}"], self[f"amount_{k}"]) for k, label in KINDS.items()]

    def rates(self):
        """The submitted rates as {kind: (basis, amount)}."""
        return {k: (self[f"basis_{k}"].data, self[f"amount_{k}"].data) for k in KINDS}
