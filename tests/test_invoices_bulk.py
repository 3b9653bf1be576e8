"""Invoicing at scale: numbered without gaps when several people press the button at once,
and 2,000 partners invoiced in a handful of statements per 100, not several per partner."""

from peewee import chunked

from intranet.fees import invoicing
from intranet.fees.invoices import Invoice, invoice_number
from intranet.fees.models import FeeRate
from intranet.fees.rules import PROJECTPLAN_RATES
from intranet.models import Contact, Organisation, OutboxMessage, User
from intranet.workflows.models import AuditEvent, Deadline
from tests import conftest
from tests.support.query_count import counting_queries
from tests.support.races import run_rounds

YEARS = [2018, 2019, 2020, 2021]
RACERS = 3
PARTNERS = 25


def _partners(count, prefix="School"):
    rows = [
        {
            "name": f"{prefix} {number:05d}",
            "sector": "PO",
            "municipality": "Leiden",
            "status": "partner",
            "pupil_count": 100 + number,
        }
        for number in range(count)
    ]
    Organisation.insert_many(rows).execute()


def _contacts():
    """A contactpersoon for every organisation, in bulk."""
    organisations = list(Organisation.select(Organisation.id).tuples())
    users = [{"email": f"c{oid}@example.org", "name": f"Contact {oid}"} for (oid,) in organisations]
    for batch in chunked(users, 200):
        User.insert_many(batch).execute()
    by_email = {email: uid for uid, email in User.select(User.id, User.email).tuples()}
    rows = [
        {"organisation": oid, "user": by_email[f"c{oid}@example.org"], "kind": "primary"}
        for (oid,) in organisations
    ]
    for batch in chunked(rows, 200):
        Contact.insert_many(batch).execute()


def _create(year, actor_id):
    """One racer presses 'Facturen maken' for a schooljaar; how many invoices it made."""
    return len(invoicing.create_invoices(year, User.get_by_id(actor_id)))


def test_simultaneous_runs_number_every_invoice_once_without_gaps(app, database_url, make_user):
    leader = make_user("projectleider")
    for year in YEARS:
        FeeRate.set_year(year, PROJECTPLAN_RATES)
    _partners(PARTNERS)
    plan = [[(year, leader.id)] * RACERS for year in YEARS]
    results = run_rounds(
        plan, _create, app=app, database_url=database_url, processes=not conftest.PG_URL
    )
    for number, year in enumerate(YEARS):
        outcomes = results[number]
        assert sorted(outcomes) == [("done", 0)] * (RACERS - 1) + [("done", PARTNERS)], outcomes
        numbers = [invoice.number for invoice in Invoice.of_year(year)]
        assert numbers == [invoice_number(year, n) for n in range(1, PARTNERS + 1)]
    assert AuditEvent.select().where(AuditEvent.workflow == "factuur").count() == 4 * PARTNERS


def test_invoicing_2000_partners_takes_a_handful_of_statements_per_100(app, make_user):
    leader = make_user("projectleider")
    FeeRate.set_year(2018, PROJECTPLAN_RATES)
    _partners(2000)
    _contacts()
    with app.test_request_context(), counting_queries() as counted:
        made = invoicing.create_invoices(2018, leader)
    assert len(made) == 2000
    assert counted["n"] <= 100, counted["n"]  # 5 per 100 invoices at most
    assert OutboxMessage.select().where(OutboxMessage.status == "queued").count() == 2000
    assert Deadline.select().where(Deadline.workflow == "factuur").count() == 2000
    assert Invoice.select().order_by(Invoice.sequence.desc()).get().number == "LA-2018-2000"
