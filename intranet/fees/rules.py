"""Who pays what: every rate and rule of the abonnementsgelden, in this one file.

Projectplan 2018-2019, "Bekostiging". The order in which the rules apply:
1. An agreement for the schooljaar decides (the regiegroep's partners carry the network with
   agreed amounts; a partner may contribute in natura instead of money).
2. A partner with the basis or uitgebreid membership pays that flat amount.
3. A partner with pupils pays by sector: VSE per kindplaats, PO, VO and MBO per leerling.
   MBO's rate is PM (not yet set): shown as PM, never as € 0,00.
4. Hogeschool and Universiteit pay a flat amount.
5. A partner without pupils (culture, companies, gemeente services, foundations) pays a
   membership; until the projectleider chooses basis or uitgebreid, the reason says so.
Amounts are Decimal, multiplied exactly and rounded to whole cents once.

Who pays for a schooljaar: every organisation whose membership (its history, not today's
status) covered at least one day of that schooljaar's obligations. A partner admitted during
a schooljaar owes that schooljaar's full contribution (no pro rata: the projectplan's rates
are per schooljaar) and nothing for earlier schooljaren; a partner that left keeps owing for
the schooljaren it was a partner in. The count of pupils or kindplaatsen is the one recorded
for that schooljaar (else the latest earlier one), so a later count never changes an
earlier year. `compute.fee_payers(year)` selects the payers by this rule.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")

# What a rate is set for: the sector of a partner with pupils, or a membership.
KINDS = {
    "VSE": "Voorschoolse educatie (VSE)",
    "PO": "Primair onderwijs",
    "VO": "Voortgezet onderwijs",
    "MBO": "Middelbaar beroepsonderwijs",
    "HO": "Hogeschool",
    "WO": "Universiteit",
    "basis": "Basislidmaatschap",
    "uitgebreid": "Uitgebreid lidmaatschap",
}
BASES = {
    "per_kindplaats": "per kindplaats",
    "per_leerling": "per leerling",
    "vast": "vast bedrag",
}
PER_HEAD = {"per_kindplaats", "per_leerling"}
# Projectplan 2018-2019, "Abonnementsgelden: in € per schooljaar" (None: PM, not yet set).
PROJECTPLAN_RATES = {
    "VSE": ("per_kindplaats", Decimal("1.50")),
    "PO": ("per_leerling", Decimal("2.50")),
    "VO": ("per_leerling", Decimal("3.00")),
    "MBO": ("per_leerling", None),
    "HO": ("vast", Decimal("500.00")),
    "WO": ("vast", Decimal("500.00")),
    "basis": ("vast", Decimal("150.00")),
    "uitgebreid": ("vast", Decimal("500.00")),
}
MEMBERSHIPS = {"basis", "uitgebreid"}
SECTORS_WITH_RATE = {"VSE", "PO", "VO", "MBO", "HO", "WO"}  # the others pay no sector rate
# What an organisation of a sector counts for a fee per head; no other sector (a museum, a
# hogeschool with its fixed rate) is asked for a count.
COUNTED = {"VSE": "kindplaatsen", "PO": "leerlingen", "VO": "leerlingen", "MBO": "leerlingen"}


def counted(sector):
    """What this sector counts ("leerlingen", "kindplaatsen"), or None: it counts nobody."""
    return COUNTED.get(sector)


# Agreements per partner and schooljaar, which come before every rate.
AGREEMENTS = {"afspraak": "Afgesproken bedrag", "in_natura": "Bijdrage in natura"}

# The lines of the begroting ("Bijdrage partners" and the agreed baten), and which
# contributions count towards each.
LINES = {
    "VSE": "VSE",
    "PO": "Primair Onderwijs",
    "VO": "Voortgezet Onderwijs",
    "MBO": "MBO",
    "HO": "Hogeschool",
    "WO": "Universiteit",
    "overig": "Overig (lidmaatschappen)",
    "afspraak": "Afspraken regiegroep",
    "in_natura": "In natura",
}
LINE_OF_KIND = {"basis": "overig", "uitgebreid": "overig", "geen_lidmaatschap": "overig"}
# The begroting: every line of the projectplan's "Bekostiging", by section. Baten and lasten
# make the result; the contributions in natura are valued beside it, outside the result.
BATEN, LASTEN, NATURA = "baten", "lasten", "natura"
SECTIONS = {
    BATEN: "Baten",
    LASTEN: "Lasten",
    NATURA: "Bijdragen in natura (waarde; buiten het resultaat)",
}
# Where a line's actual amount comes from: the invoices and credit notes of its partners,
# or entered by the projectleider. A line's budget is entered, except the projectgroep's
# payout, which follows from its seats (`projectgroep_payout`).
INVOICED, ENTERED = "facturen", "ingevoerd"
PROJECTGROEP = "projectgroep"
BEGROTING = {
    **{line: (BATEN, LINES[line], INVOICED) for line in LINES if line != "in_natura"},
    "innovatiesubsidies": (BATEN, "Innovatiesubsidies", ENTERED),
    "fonds_1818": (BATEN, "Fonds 1818", ENTERED),
    "netwerkvorming": (LASTEN, "Netwerkvorming en -onderhoud", ENTERED),
    "communicatie": (LASTEN, "Communicatie", ENTERED),
    "academie": (LASTEN, "Academie inhuur derden", ENTERED),
    PROJECTGROEP: (LASTEN, "Projectgroep (uitbetaling)", ENTERED),
    "onvoorzien": (LASTEN, "Onvoorzien", ENTERED),
    "natura_contactpersonen": (NATURA, "Inzet contactpersoon partners", ENTERED),
    "natura_administratie": (NATURA, "Administratie SWV Passend Onderwijs VO", ENTERED),
    "natura_spl": (NATURA, "Projectlid SPL", ENTERED),
    "natura_aed": (NATURA, "Projectlid AED", ENTERED),
    "natura_proo": (NATURA, "Projectlid PROOLEiden", ENTERED),
    "natura_scol": (NATURA, "Projectleden SCOL", ENTERED),
    "natura_hogeschool": (NATURA, "Projectgroepleden Hogeschool", ENTERED),
    "natura_universiteit": (NATURA, "Projectgroepleden Universiteit", ENTERED),
    "natura_gemeente": (NATURA, "Projectgroeplid gemeente", ENTERED),
    "natura_mbo": (NATURA, "Projectgroeplid MBO", ENTERED),
}
# Projectplan, "Begroting schooljaar 2018-2019" and "Begroting bijdrage in natura" (None: PM).
# The agreed line is the sum of SWV Passend Onderwijs VO € 15.000, PPO Regio Leiden € 15.000
# and Gemeente Leiden € 10.000. The projectplan prints VO at € 38.884, but its own totals
# (€ 145.086 on both sides, result € 0) hold only with € 38.883, which is also 12.961
# leerlingen × € 3,00: the begroting uses € 38.883 (docs/domain.md).
PROJECTPLAN_BUDGET = {
    "VSE": Decimal("1953"),
    "PO": Decimal("28000"),
    "VO": Decimal("38883"),
    "MBO": None,
    "HO": Decimal("500"),
    "WO": Decimal("500"),
    "overig": Decimal("7050"),
    "afspraak": Decimal("40000"),
    "innovatiesubsidies": Decimal("20700"),
    "fonds_1818": Decimal("7500"),
    "netwerkvorming": Decimal("95000"),
    "communicatie": Decimal("10000"),
    "academie": Decimal("20000"),
    PROJECTGROEP: Decimal("16683"),
    "onvoorzien": Decimal("3403"),
    "natura_contactpersonen": Decimal("40000"),
    "natura_administratie": Decimal("5000"),
    "natura_spl": Decimal("3800"),
    "natura_aed": Decimal("4800"),
    "natura_proo": Decimal("3800"),
    "natura_scol": Decimal("7600"),
    "natura_hogeschool": Decimal("16200"),
    "natura_universiteit": Decimal("21600"),
    "natura_gemeente": Decimal("8100"),
    "natura_mbo": None,
}
# Projectplan, "Taken Projectgroep": a seat is 90 hours per person per schooljaar, paid in
# time by the employer (then it is a contribution in natura) or in money by the network.
HOURS_PER_SEAT = 90
EURO = Decimal("1")


def projectgroep_payout(paid_seats, hourly_rate):
    """The projectgroep line of the begroting: the seats paid in money × 90 hours × the
    hourly rate, in whole euros as the begroting is (3 × 90 × € 61,79 = € 16.683)."""
    return (paid_seats * HOURS_PER_SEAT * hourly_rate).quantize(EURO, rounding=ROUND_HALF_UP)


# Why a partner has no amount. PM and in natura are settled outcomes; the others need work.
PM = "tarief PM (nog niet vastgesteld)"
IN_NATURA = "bijdrage in natura"
NO_RATES = "voor dit schooljaar zijn nog geen tarieven vastgesteld"
NO_COUNT = "aantal leerlingen/kindplaatsen ontbreekt"
NO_MEMBERSHIP = "partner zonder leerlingen: kies basis- of uitgebreid lidmaatschap"
NO_AGREED_AMOUNT = "afgesproken bedrag ontbreekt"
SETTLED = {PM, IN_NATURA}


@dataclass
class Contribution:
    """One partner's contribution in one schooljaar; amount None comes with its reason."""

    organisation: object
    kind: str  # a rate kind, "afspraak", "in_natura" or "geen_lidmaatschap"
    rate: object  # the FeeRate applied, if any
    count: int | None
    amount: Decimal | None
    problem: str = ""  # why there is no amount (PM and in natura included)
    note: str = ""  # the agreement's explanation

    @property
    def kind_label(self):
        """What the contribution is for, in words."""
        return kind_label(self.kind)

    @property
    def line(self):
        """The begroting line it counts towards."""
        return LINE_OF_KIND.get(self.kind, self.kind)

    @property
    def is_pm(self):
        """True when the rate is PM: every total shows PM, never € 0,00."""
        return self.problem == PM

    @property
    def needs_work(self):
        """True when the amount is missing for a reason someone has to fix."""
        return self.amount is None and self.problem not in SETTLED


def kind_label(kind):
    """A contribution kind in words."""
    if kind == "geen_lidmaatschap":
        return "Lidmaatschap nog niet gekozen"
    return KINDS.get(kind) or AGREEMENTS.get(kind) or LINES.get(kind, kind)


def cents(amount):
    """Round an exact amount to whole cents, once, half up (as a bookkeeper does)."""
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


# What the specification says about a partner that joined during a schooljaar.
JOINED_DURING_YEAR = (
    "Een partner die in de loop van een schooljaar toetreedt, betaalt de volledige bijdrage "
    "van dat schooljaar (geen deel naar rato) en niets voor eerdere schooljaren."
)


def contribution(organisation, rates, agreement=None, count=None):
    """A partner's contribution under a year's rates {kind: FeeRate} and its agreement;
    `count` is the year's pupils or kindplaatsen (the organisation's own when None)."""
    if count is None:
        count = getattr(organisation, "year_count", organisation.pupil_count)
    if agreement is not None:
        if agreement.kind == "in_natura":
            return Contribution(
                organisation, "in_natura", None, None, None, IN_NATURA, agreement.note
            )
        if agreement.amount is None:
            return Contribution(organisation, "afspraak", None, None, None, NO_AGREED_AMOUNT)
        amount = cents(Decimal(str(agreement.amount)))
        return Contribution(organisation, "afspraak", None, None, amount, "", agreement.note)
    if organisation.membership_type in MEMBERSHIPS:
        kind = organisation.membership_type
    elif organisation.sector in SECTORS_WITH_RATE:
        kind = organisation.sector
    else:
        return Contribution(organisation, "geen_lidmaatschap", None, count, None, NO_MEMBERSHIP)
    rate = rates.get(kind)
    if rate is None:
        return Contribution(organisation, kind, None, count, None, NO_RATES)
    if rate.price is None:
        return Contribution(organisation, kind, rate, count, None, PM)
    if not rate.per_head:
        return Contribution(organisation, kind, rate, None, rate.price)
    if count is None:
        return Contribution(organisation, kind, rate, None, None, NO_COUNT)
    return Contribution(organisation, kind, rate, count, cents(rate.price * count))
