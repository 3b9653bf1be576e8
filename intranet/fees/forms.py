"""The form on which the projectleider sets a schooljaar's rates."""

from datetime import datetime
from decimal import Decimal

from wtforms import DateField, HiddenField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, ValidationError

from intranet.fees.export import dutch_number, parse_dutch_number
from intranet.fees.rules import AGREEMENTS, BASES, BEGROTING, ENTERED, KINDS
from intranet.formats import DAY_PATTERN
from intranet.forms import Form

BUDGET_LINES = {line: label for line, (_section, label, _source) in BEGROTING.items()}
ACTUAL_LINES = [line for line, (_s, _l, source) in BEGROTING.items() if source == ENTERED]
MAXIMUM = Decimal("99999999.99")  # what DecimalField(max_digits=10, decimal_places=2) holds


def _strip(value):
    """Text without surrounding whitespace or control characters (tabs and newlines stay)."""
    if not isinstance(value, str):
        return value
    return "".join(c for c in value if c in "\t\n" or c.isprintable()).strip()


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


class AgreedAmountField(AmountField):
    """An amount that is empty, not PM, until one is agreed."""

    def _value(self):
        if self.raw_data:
            return self.raw_data[0]
        return "" if self.data is None else dutch_number(self.data)


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


class BudgetForm(Form):
    """The begroting of a schooljaar: an amount (or PM) per line."""

    @classmethod
    def for_budget(cls, budget, actuals=None, computed=()):
        """A form with an amount field per line (and an actual amount per entered line),
        filled from {line: amount or None} and {line: actual}; `computed` lines have no
        budget field (their budget follows from other records)."""
        actuals = actuals or {}

        class Form(cls):
            pass

        for line, label in BUDGET_LINES.items():
            if line not in computed:
                setattr(Form, f"line_{line}", AmountField(f"Begroting {label}"))
        for line in ACTUAL_LINES:
            setattr(Form, f"actual_{line}", ActualField(f"Werkelijk {BUDGET_LINES[line]}"))
        data = {f"line_{line}": budget.get(line) for line in BUDGET_LINES if line not in computed}
        data |= {f"actual_{line}": actuals.get(line) for line in ACTUAL_LINES}
        return Form(data=data)

    def field_of(self, prefix, line):
        """The field of a line (line_… or actual_…), or None."""
        name = f"{prefix}_{line}"
        return self[name] if name in self._fields else None

    def amounts(self):
        """The submitted begroting as {line: amount or None} (computed lines left out)."""
        return {
            line: self[f"line_{line}"].data
            for line in BUDGET_LINES
            if f"line_{line}" in self._fields
        }

    def actuals(self):
        """The submitted actual amounts as {line: amount or None}; a line the form did not
        send keeps its actual amount."""
        fields = [self[f"actual_{line}"] for line in ACTUAL_LINES]
        return {line: f.data for line, f in zip(ACTUAL_LINES, fields, strict=True) if f.raw_data}


class ActualField(AmountField):
    """An actual amount: empty until known (never PM); an old form without it changes
    nothing."""

    def _value(self):
        if self.raw_data:
            return self.raw_data[0]
        return "" if self.data is None else dutch_number(self.data)

    def process_formdata(self, valuelist):
        """Read the amount; empty means not known yet."""
        self.data = None
        text = valuelist[0].strip() if valuelist else ""
        if text:
            self.data = parse_dutch_number(text)


class AgreementForm(Form):
    """A partner's agreement for a schooljaar: an agreed amount, or in natura."""

    organisation = SelectField("Partner", coerce=int, validate_choice=True)
    kind = SelectField("Soort afspraak", choices=options(AGREEMENTS))
    amount = AgreedAmountField("Afgesproken bedrag in €")
    note = StringField("Toelichting", validators=[Length(max=200)], filters=[_strip])

    def validate_amount(self, field):
        """An agreed amount needs an amount; in natura has none."""
        if self.kind.data == "afspraak" and field.data is None:
            raise ValidationError("Vul het afgesproken bedrag in.")


class BillingForm(Form):
    """Where a partner's invoices go."""

    address = TextAreaField(
        "Factuuradres",
        validators=[DataRequired("Vul het factuuradres in."), Length(max=500)],
        filters=[_strip],
    )
    reference = StringField(
        "Kenmerk of inkoopnummer", validators=[Length(max=100)], filters=[_strip]
    )


class DutchDateField(DateField):
    """A date as the browser's date field sends it (2019-02-28) or as typed (28-02-2019)."""

    def process_formdata(self, valuelist):
        """Read the date; a date that does not exist gets a Dutch message."""
        self.data = None
        text = valuelist[0].strip() if valuelist else ""
        if not text:
            return
        for pattern in ("%Y-%m-%d", DAY_PATTERN):
            try:
                self.data = datetime.strptime(text, pattern).date()
                return
            except ValueError:
                continue
        raise ValueError("Vul de betaaldatum in als dag-maand-jaar, bijvoorbeeld 28-02-2019.")


class PaidForm(Form):
    """The date an invoice was paid."""

    paid_on = DutchDateField("Betaald op", validators=[InputRequired("Vul de betaaldatum in.")])
    expected_state = HiddenField()


class CreditForm(Form):
    """Why an invoice is credited."""

    reason = TextAreaField(
        "Reden van de creditering",
        validators=[DataRequired("Vul de reden in."), Length(max=2000)],
        filters=[_strip],
    )
    expected_state = HiddenField()
