"""An invoice as a PDF: the print page's HTML typeset by WeasyPrint with Debian's fonts."""

from flask import current_app, render_template

from intranet import printable
from intranet.fees.invoices import CREDITED, Invoice
from intranet.fees.models import schooljaar_period
from intranet.schooljaar import schooljaar_label


def invoice_context(invoice):
    """What the invoice shows besides itself: its schooljaar, sender and payment details."""
    config = current_app.config
    credited = invoice.credit_of if invoice.is_credit_note else None
    return {
        "invoice": invoice,
        "credited": credited,  # the invoice a credit note credits
        "credit_note": invoice.credit_note if invoice.state == CREDITED else None,
        "label": schooljaar_label(invoice.schooljaar),
        "period": schooljaar_period(invoice.schooljaar),
        "issuer": config["INVOICE_ISSUER"],
        "iban": config["INVOICE_IBAN"],
        "payment_days": config["INVOICE_PAYMENT_DAYS"],
        "ask": config["INVOICE_CONTACT"],
        "reply_to": config["INVOICE_REPLY_TO"],
    }


def attachment(reference):
    """The outbox's attachment "factuur:<id>": (file name, type, the PDF as it is now)."""
    invoice = Invoice.get_or_none(Invoice.id == int(reference))
    if invoice is None:
        raise ValueError(f"factuur {reference} bestaat niet meer")
    return invoice.filename, "application/pdf", invoice_pdf(invoice)


def invoice_pdf(invoice):
    """The invoice's PDF bytes (fonts: DejaVu Sans from Debian's fonts-dejavu-core)."""
    return printable.to_pdf(render_template("fees/invoice_pdf.html", **invoice_context(invoice)))
