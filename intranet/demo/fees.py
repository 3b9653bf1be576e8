"""Demo: the projectplan's rates, agreements, begroting, billing addresses and first invoices."""

from decimal import Decimal

from intranet.clock import today
from intranet.fees import invoicing
from intranet.fees.invoices import BillingAddress, Invoice
from intranet.fees.models import FIRST_SCHOOLJAAR, BudgetLine, FeeAgreement, FeeRate
from intranet.fees.rules import PROJECTPLAN_BUDGET
from intranet.models import Organisation, User
from intranet.schooljaar import schooljaar_of

# Projectplan, "Begroting schooljaar 2018-2019", baten: the regiegroep's partners.
AGREED = {
    "Samenwerkingsverband Passend Onderwijs VO 2801": Decimal("15000"),
    "Passend Primair Onderwijs Leiden": Decimal("15000"),
    "Gemeente Leiden": Decimal("10000"),
}
# Projectplan, "Begroting bijdrage in natura": AED gives its projectgroep member's hours.
IN_NATURA = {
    "AED": "projectgroeplid VO, 90 uur (€ 4.800)",
    "Stichting Jonge Uil": "gastlessen en jurywerk (uren)",
}


def seed():
    """Rates and agreements for 2018-2019 through this schooljaar; the 2018-2019 begroting."""
    current = schooljaar_of()
    FeeRate.seed(current)
    if not BudgetLine.for_year(FIRST_SCHOOLJAAR):
        BudgetLine.set_year(FIRST_SCHOOLJAAR, PROJECTPLAN_BUDGET)
    by_name = {o.name: o for o in Organisation.select()}
    for year in range(FIRST_SCHOOLJAAR, current + 1):
        if FeeAgreement.for_year(year):
            continue
        for name, amount in AGREED.items():
            if name in by_name:
                FeeAgreement.set(by_name[name], year, "afspraak", amount, "projectplan, baten")
        for name, note in IN_NATURA.items():
            if name in by_name:
                FeeAgreement.set(by_name[name], year, "in_natura", None, note)
    _addresses(by_name)
    _first_invoices()


def _first_invoices():
    """2018-2019's invoices, made by the projectleider; the first two are paid."""
    leader = User.in_group("projectleider").first()
    if leader is None or Invoice.of_year(FIRST_SCHOOLJAAR).exists():
        return
    made = invoicing.create_invoices(FIRST_SCHOOLJAAR, leader)
    for invoice_id in made[:2]:
        invoicing.mark_paid(invoice_id, leader, today())


def _addresses(by_name):
    """A billing address for every demo organisation."""
    for number, organisation in enumerate(by_name.values(), start=1):
        if BillingAddress.of(organisation) is None:
            town = f"2300 AA {organisation.municipality}"
            address = f"t.a.v. financiële administratie\nPostbus {1000 + number}\n{town}"
            BillingAddress.set(organisation, address, "")
