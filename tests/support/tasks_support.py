"""Helpers for the Mijn taken tests: the page's titles, and what waits there."""

from datetime import timedelta

from intranet.fees.invoices import Invoice
from intranet.network.models import Contribution
from intranet.schooljaar import schooljaar_of
from tests.support.decide import text


def task_titles(client):
    """The titles on the user's Mijn taken page, in order."""
    page = text(client.get("/taken/"))
    return [line.strip() for line in page.split("\n") if "task-title" in line]


def contribution(meeting, organisation, title="Robotica-workshop"):
    """A contribution the organisation offered to a meeting, waiting for a decision."""
    return Contribution.create(
        meeting=meeting,
        organisation=organisation,
        title=title,
        description="Een workshop.",
        state="ingediend",
    )


def unpaid_invoice(organisation, number, due_on):
    """An unpaid basis invoice, due on the day given."""
    return Invoice.create(
        schooljaar=schooljaar_of(),
        sequence=number,
        number=f"T-{number}",
        organisation=organisation,
        kind="basis",
        description="Basislidmaatschap",
        amount=150,
        billing_name=organisation.name,
        issued_on=due_on - timedelta(days=30),
        due_on=due_on,
    )
