"""Dutch amounts in and out, and the fee overview as a CSV file that Excel opens."""

import io
import re
from decimal import Decimal

from intranet import spreadsheet
from intranet.formats import DAY_PATTERN
from intranet.schooljaar import schooljaar_label

BOM = "\ufeff"  # Excel reads UTF-8 only with it
HEADER = [
    "Organisatie",
    "Gemeente",
    "Grondslag",
    "Berekening",
    "Aantal",
    "Tarief",
    "Bijdrage",
    "Opmerking",
]
WITH_COMMA = re.compile(r"\d{1,3}(\.\d{3})*,\d+|\d+,\d+")
THOUSANDS = re.compile(r"\d{1,3}(\.\d{3})+")
PLAIN = re.compile(r"\d+(\.\d{1,2})?")
NOT_AN_AMOUNT = "Vul een bedrag in zoals 1,50 of 1.234,50 (of PM)."


def dutch_number(amount):
    """An exact amount in Dutch notation without the euro sign: 1.234,50."""
    text = f"{Decimal(amount).quantize(Decimal('0.01')):,.2f}"
    return text.replace(",", "_").replace(".", ",").replace("_", ".")


def parse_dutch_number(text):
    """An amount typed the Dutch way (1.234,50; € 500; 1,5) as a Decimal; ValueError if not."""
    cleaned = text.replace("€", "").replace(" ", "").replace("\u00a0", "").strip()
    if WITH_COMMA.fullmatch(cleaned):  # points group thousands, the comma is the decimal mark
        cleaned = cleaned.replace(".", "").replace(",", ".")
    elif THOUSANDS.fullmatch(cleaned):
        cleaned = cleaned.replace(".", "")
    elif not PLAIN.fullmatch(cleaned):  # PLAIN also takes 1.50, typed the English way
        raise ValueError(NOT_AN_AMOUNT)
    return Decimal(cleaned)


def _row(item):
    rate = item.rate
    return [
        item.organisation.name,
        item.organisation.municipality,
        item.kind_label,
        rate.basis_label if rate else "",
        "" if item.count is None else str(item.count),
        "" if rate is None else ("PM" if rate.price is None else dutch_number(rate.price)),
        "" if item.amount is None else dutch_number(item.amount),
        item.problem,
    ]


def to_csv(overview):
    """The overview as semicolon-separated UTF-8 (with BOM), one row per partner and a total."""
    out = io.StringIO()
    out.write(BOM)
    writer = spreadsheet.writer(out, lineterminator="\r\n")
    writer.writerow(HEADER)
    for item in overview.contributions:
        writer.writerow(_row(item))
    total = ["Totaal", "", "", "", "", "", dutch_number(overview.total)]
    remark = f"{len(overview.open)} bijdragen niet berekend"
    writer.writerow([*total, f"{remark}; plus PM" if overview.has_pm else remark])
    return out.getvalue()


def csv_filename(year):
    """The download's file name."""
    return f"abonnementsgelden-{schooljaar_label(year)}.csv"


INVOICE_HEADER = [
    "Factuurnummer",
    "Factuurdatum",
    "Vervaldatum",
    "Organisatie",
    "Factuuradres",
    "Kenmerk",
    "Contactpersoon",
    "E-mail",
    "Omschrijving",
    "Bedrag",
    "Status",
    "Betaald op",
]


def one_line(value):
    """Text on one line: an address's lines joined with spaces."""
    return " ".join(str(value or "").split())


def _invoice_row(invoice):
    return [
        invoice.number,
        invoice.issued_on.strftime(DAY_PATTERN),
        invoice.due_on.strftime(DAY_PATTERN),
        one_line(invoice.billing_name),
        one_line(invoice.billing_address),
        one_line(invoice.billing_reference),
        one_line(invoice.contact_name),
        one_line(invoice.contact_email),
        one_line(invoice.description),
        dutch_number(invoice.total),
        invoice.state_label,
        invoice.paid_on.strftime(DAY_PATTERN) if invoice.paid_on else "",
    ]


def invoices_csv(invoices):
    """A schooljaar's invoices for the bookkeeper: semicolons, UTF-8 with BOM, Dutch amounts."""
    out = io.StringIO()
    out.write(BOM)
    writer = spreadsheet.writer(out, lineterminator="\r\n")  # neutralises formulas
    writer.writerow(INVOICE_HEADER)
    for invoice in invoices:
        writer.writerow(_invoice_row(invoice))
    return out.getvalue()


def invoices_filename(year):
    """The bookkeeper's download's file name."""
    return f"facturen-{schooljaar_label(year)}.csv"


BEGROTING_HEADER = ["Onderdeel", "Regel", "Begroot", "Werkelijk", "Verschil", "Toelichting"]


def _amount(value, pm=False):
    if value is None:
        return "PM" if pm else ""
    return dutch_number(value)


def begroting_csv(begroting):
    """The begroting per line (budget, actual, difference), each section's totals and the
    result: semicolons, UTF-8 with BOM, Dutch amounts."""
    out = io.StringIO()
    out.write(BOM)
    writer = spreadsheet.writer(out, lineterminator="\r\n")
    writer.writerow(BEGROTING_HEADER)
    for section in begroting.sections.values():
        for line in section.lines:
            writer.writerow(
                [
                    section.label,
                    line.label,
                    _amount(line.budget, line.budget_pm),
                    _amount(line.actual),
                    _amount(line.difference),
                    line.computed,
                ]
            )
        writer.writerow(
            [
                section.label,
                "Totaal",
                dutch_number(section.budget) + (" plus PM" if section.has_pm else ""),
                dutch_number(section.actual),
                "",
                "",
            ]
        )
    writer.writerow(
        [
            "Resultaat",
            "Baten min lasten",
            dutch_number(begroting.result),
            dutch_number(begroting.actual_result),
            "",
            "",
        ]
    )
    return out.getvalue()
