"""The world's money: an open invoice and an agreement of the world's organisation."""

from datetime import timedelta
from decimal import Decimal

from intranet.clock import today
from intranet.fees.invoices import Invoice, InvoiceCounter, invoice_number
from intranet.fees.models import FeeAgreement
from intranet.schooljaar import schooljaar_of


def build(organisation):
    """An open invoice for this schooljaar and an agreed amount: {"invoice", "agreement"}."""
    year = schooljaar_of()
    invoice = Invoice.create(
        schooljaar=year,
        sequence=1,
        number=invoice_number(year, 1),
        organisation=organisation,
        kind="uitgebreid",
        description="Uitgebreid lidmaatschap, vast bedrag",
        amount=Decimal("500.00"),
        billing_name=organisation.name,
        billing_address="Postbus 1\n2300 AA Leiden",
        issued_on=today(),
        due_on=today() + timedelta(days=30),
    )
    InvoiceCounter.insert(schooljaar=year, last=1).on_conflict_ignore().execute()  # numbered
    agreement = FeeAgreement.create(
        organisation=organisation, schooljaar=year, kind="afspraak", amount=Decimal("100")
    )
    return {"invoice": invoice, "agreement": agreement}
