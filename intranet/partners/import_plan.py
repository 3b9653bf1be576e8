"""What an import of the network would do, row by row: new, changed (which columns),
unchanged, or an error with its line and a Dutch reason. Reads the database in a few queries.
"""

import re
from dataclasses import dataclass, field

from peewee import chunked

from intranet.fees.export import dutch_number
from intranet.fees.models import FIRST_SCHOOLJAAR, FeeAgreement
from intranet.fees.rules import CENT
from intranet.forms import WEBSITE, web_address
from intranet.models import MEMBERSHIP_TYPES, SECTORS, Contact, Organisation, User
from intranet.partners import cells as read
from intranet.partners import table
from intranet.partners.import_people import plan_people, plan_signing
from intranet.partners.table import COLUMNS
from intranet.rounds.models import ConvenantPeriod, PeriodMembership
from intranet.schooljaar import schooljaar_label, schooljaar_of

MAXIMUM = 100_000_000  # what an agreed amount's column holds

FIELDS = ("name", "sector", "municipality", "pupil_count", "membership_type", "lef_partner")
FIELDS += ("website",)


@dataclass
class RowPlan:
    """What happens to one row: `status` is nieuw, gewijzigd, ongewijzigd or fout."""

    line: int
    name: str
    organisation: object = None
    values: dict = field(default_factory=dict)  # organisation fields to store
    changes: list = field(default_factory=list)  # each change in words: column: old → new
    errors: list = field(default_factory=list)
    people: list = field(default_factory=list)  # (kind, email, name, contact, user)
    signing: object = None  # (signed_on,) to record, or None
    agreement: object = None  # (schooljaar, kind, amount, note) to record, or None

    @property
    def status(self):
        """nieuw, gewijzigd, ongewijzigd or fout."""
        if self.errors:
            return "fout"
        if self.organisation is None:
            return "nieuw"
        return "gewijzigd" if self.changes else "ongewijzigd"


class Network:
    """The network as it stands, read once for the rows of one file."""

    def __init__(self, rows):
        self.organisations, self.by_id = {}, {}
        for organisation in Organisation.select():
            self.by_id[organisation.id] = organisation
            self.organisations.setdefault(table.normalise(organisation.name), []).append(
                organisation
            )
        emails = {_email_of(row, key) for row in rows for key in ("contact", "backup")}
        self.users = {}
        for batch in chunked(sorted(emails - {""}), 500):
            self.users.update({u.email: u for u in User.select().where(User.email.in_(batch))})
        self.contacts = {}  # user id -> [Contact]
        ids = [u.id for u in self.users.values()]
        for batch in chunked(ids, 500):
            for contact in Contact.select().where(Contact.user.in_(batch)):
                self.contacts.setdefault(contact.user_id, []).append(contact)
        self.period = ConvenantPeriod.running()
        self.signed = {}
        if self.period is not None:
            query = PeriodMembership.select().where(PeriodMembership.period == self.period)
            self.signed = {m.organisation_id: m for m in query}
        self.agreements = {}
        if any(read.text(row.cells.get("agreement")) for row in rows):
            query = FeeAgreement.select()
            self.agreements = {(a.organisation_id, a.schooljaar): a for a in query}


def _email_of(row, key):
    return read.text(row.cells.get(f"{key}_email")).lower()


def plan(rows):
    """A RowPlan per row, in file order."""
    network = Network(rows)
    plans, seen, emails = [], {}, {}
    for row in rows:
        row_plan = _plan_row(row, network)
        key = table.normalise(row_plan.name)
        if key and key in seen:
            row_plan.errors.append(f"‘{row_plan.name}’ staat ook op regel {seen[key]}.")
        seen.setdefault(key, row.line)
        for _kind, email, *_rest in row_plan.people:
            other = emails.setdefault(email, (key, row.line))
            if other[0] != key:
                row_plan.errors.append(f"Het e-mailadres {email} staat ook op regel {other[1]}.")
        plans.append(row_plan)
    return plans


def _plan_row(row, network):
    cells = row.cells
    name = read.text(cells.get("name"))
    result = RowPlan(row.line, name)
    if not name:
        result.errors.append("De naam ontbreekt.")
        return result
    if len(name) > 200:
        result.errors.append("De naam is langer dan 200 tekens.")
    matches = network.organisations.get(table.normalise(name), [])
    if len(matches) > 1:
        found = " en ".join(f"‘{o.name}’" for o in matches)
        result.errors.append(f"De naam past bij meer dan één organisatie: {found}.")
        return result
    result.organisation = matches[0] if matches else None
    values = {"name": name, **_values(cells, result.errors)}
    if result.organisation is None:
        for key in ("sector", "municipality"):
            if not read.text(cells.get(key)):
                result.errors.append(f"Een nieuwe organisatie heeft een {COLUMNS[key]} nodig.")
        result.values = values
    else:
        # The name only finds the organisation: spelled otherwise (case, spaces) it is the same
        # name, and the import never renames (the profile does, on purpose).
        values.pop("name")
        for key, value in values.items():
            old = getattr(result.organisation, key)
            if old != value:
                result.values[key] = value
                result.changes.append(change(COLUMNS[key], shown(key, old), shown(key, value)))
    plan_people(cells, result, network)
    plan_signing(cells, result, network)
    plan_agreement(cells, result, network)
    return result


def plan_agreement(cells, result, network):
    """A fee agreement for a schooljaar: "in natura", or an agreed amount (1.500 or
    € 15.000); an empty cell leaves the agreements as they are."""
    text = read.text(cells.get("agreement"))
    if not text:
        return
    year = schooljaar_of()
    if read.text(cells.get("agreement_year")):
        year = _schooljaar(read.text(cells["agreement_year"]))
        if year is None:
            result.errors.append("Schrijf het schooljaar van de afspraak als 2018-2019.")
            return
    note = read.text(cells.get("agreement_note"))[:200]
    if text.casefold() in ("in natura", "natura"):
        kind, amount = "in_natura", None
    else:
        try:
            amount = read.number(text)
        except ValueError:
            amount = None
        if amount is None or amount <= 0 or amount >= MAXIMUM:
            result.errors.append(
                f"Afspraak ‘{text[:40]}’: vul ‘in natura’ in, of een bedrag zoals 15.000."
            )
            return
        kind, amount = "afspraak", amount.quantize(CENT)
    result.agreement = (year, kind, amount, note)
    current = (
        network.agreements.get((result.organisation.id, year)) if result.organisation else None
    )
    if current is None or (current.kind, current.price, current.note) != (kind, amount, note):
        if result.organisation is not None:
            before = "geen" if current is None else _agreement_words(current.kind, current.price)
            result.changes.append(
                change(f"afspraak {schooljaar_label(year)}", before, _agreement_words(kind, amount))
            )
    else:
        result.agreement = None  # as it is already


def _agreement_words(kind, amount):
    return "in natura" if kind == "in_natura" else f"€ {dutch_number(amount)}"


def _schooljaar(text):
    """2018-2019 or 2018 as the start year, else None."""
    found = re.fullmatch(r"(\d{4})(?:\s*[-/]\s*(\d{4}))?", text)
    if not found or (found[2] and int(found[2]) != int(found[1]) + 1):
        return None
    year = int(found[1])
    return year if FIRST_SCHOOLJAAR <= year <= schooljaar_of() + 5 else None


def change(column, old, new):
    """One change as the preview shows it: website: ‘a’ → ‘b’."""
    return f"{column}: {old} → {new}"


def shown(key, value):
    """A stored value in words for the preview."""
    if value is None or value == "":
        return "leeg"
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if key == "sector":
        return SECTORS.get(value, value)
    if key == "membership_type":
        return MEMBERSHIP_TYPES.get(value, value)
    return f"‘{value}’"


def _filled(cells, key):
    """True when the row has the column and its cell is not empty: an empty cell leaves
    the stored value as it is."""
    return key in cells and read.text(cells[key]) != ""


def _values(cells, errors):
    """The organisation fields the row gives, parsed; errors are added for bad cells. An
    empty cell gives nothing, so it changes nothing."""
    values = {}
    sector = read.text(cells.get("sector"))
    if sector:
        found = _choice(sector, SECTORS)
        if found is None:
            errors.append(f"Onbekende sector ‘{sector[:40]}’. Kies uit: {', '.join(SECTORS)}.")
        values["sector"] = found
    municipality = read.text(cells.get("municipality"))
    if municipality:
        values["municipality"] = municipality[:100]
    if _filled(cells, "pupil_count"):
        try:
            values["pupil_count"] = read.count(cells["pupil_count"])
        except ValueError:
            shown = read.text(cells["pupil_count"])[:40]
            errors.append(
                f"‘{shown}’ is geen aantal leerlingen/kindplaatsen: "
                "vul een heel getal in, bijvoorbeeld 1.200."
            )
    membership = read.text(cells.get("membership_type"))
    if membership:
        found = _choice(membership, MEMBERSHIP_TYPES)
        if found is None:
            errors.append(
                f"Onbekend lidmaatschap ‘{membership[:40]}’: kies convenant, basis of uitgebreid."
            )
        values["membership_type"] = found
    if _filled(cells, "lef_partner"):
        try:
            values["lef_partner"] = read.yes_no(cells["lef_partner"])
        except ValueError:
            errors.append("Vul bij LEF-partner ja of nee in.")
    if _filled(cells, "website"):
        website = web_address(read.text(cells["website"]))  # the forms' rule: http(s) only
        if website is None or len(website) > 200:
            errors.append(WEBSITE)
        values["website"] = website or ""
    return values


def _choice(value, mapping):
    """The key of a {key: label} mapping that a cell names, by key or by label."""
    wanted = value.casefold()
    for key, label in mapping.items():
        if wanted in (key.casefold(), label.casefold()):
            return key
    return None
