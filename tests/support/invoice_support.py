"""Helpers for the invoice tests: a small network with rates, and reading a PDF's text."""

import io
from decimal import Decimal

from pypdf import PdfReader

from intranet.fees.invoices import BillingAddress
from intranet.fees.models import FeeAgreement, FeeRate
from intranet.fees.rules import PROJECTPLAN_RATES
from tests.support import factories


def network(year=2018):
    """Rates for the year and partners of every kind: {name: organisation}."""
    FeeRate.set_year(year, PROJECTPLAN_RATES)
    made = {
        "Basisschool De Linde": factories.organisation(
            name="Basisschool De Linde", sector="PO", pupil_count=400
        ),
        "Gemeente Leiden": factories.organisation(name="Gemeente Leiden", sector="gemeente"),
        "Leidse Instrumentenmakersschool": factories.organisation(
            name="Leidse Instrumentenmakersschool", sector="MBO", pupil_count=220
        ),
        "Museum Boerhaave": factories.organisation(
            name="Museum Boerhaave", sector="cultuur", membership_type="uitgebreid"
        ),
        "Stichting Jonge Uil": factories.organisation(name="Stichting Jonge Uil", sector="overig"),
    }
    FeeAgreement.set(made["Gemeente Leiden"], year, "afspraak", Decimal("10000"))
    FeeAgreement.set(made["Stichting Jonge Uil"], year, "in_natura", None, "uren")
    for organisation in made.values():
        factories.person(organisation=organisation, email=f"{organisation.id}@partner.example.org")
    BillingAddress.set(
        made["Basisschool De Linde"], "t.a.v. administratie\nPostbus 1234\n2300 AB Leiden", "PO-77"
    )
    return made


def pdf_text(data):
    """The text of every page of a PDF."""
    assert data.startswith(b"%PDF-")
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
