"""What an import of the network would do, row by row: new, changed (which columns),
unchanged, or an error with its line and a Dutch reason. Reads the database in a few queries.
"""

from dataclasses import dataclass, field

from email_validator import EmailNotValidError, validate_email
from peewee import chunked

from intranet.models import MEMBERSHIP_TYPES, SECTORS, Contact, Organisation, User
from intranet.partners import table
from intranet.partners.table import COLUMNS
from intranet.rounds.models import ConvenantPeriod, PeriodMembership

FIELDS = ("name", "sector", "municipality", "pupil_count", "membership_type", "lef_partner")
FIELDS += ("website",)
ROLES = {"contact": ("primary", "contactpersoon"), "backup": ("achtervang", "achtervang")}


@dataclass
class RowPlan:
    """What happens to one row: `status` is nieuw, gewijzigd, ongewijzigd or fout."""

    line: int
    name: str
    organisation: object = None
    values: dict = field(default_factory=dict)  # organisation fields to store
    changes: list = field(default_factory=list)  # headers of the changed columns
    errors: list = field(default_factory=list)
    people: list = field(default_factory=list)  # (kind, email, name, contact, user)
    signing: object = None  # (signed_on,) to record, or None

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


def _email_of(row, key):
    return table.text(row.cells.get(f"{key}_email")).lower()


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
    name = table.text(cells.get("name"))
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
            if not table.text(cells.get(key)):
                result.errors.append(f"Een nieuwe organisatie heeft een {COLUMNS[key]} nodig.")
        result.values = values
    else:
        for key, value in values.items():
            if getattr(result.organisation, key) != value:
                result.values[key] = value
                result.changes.append(COLUMNS[key])
    _plan_people(cells, result, network)
    _plan_signing(cells, result, network)
    return result


def _values(cells, errors):
    """The organisation fields the row gives, parsed; errors are added for bad cells."""
    values = {}
    sector = table.text(cells.get("sector"))
    if sector:
        found = _choice(sector, SECTORS)
        if found is None:
            errors.append(f"Onbekende sector ‘{sector[:40]}’. Kies uit: {', '.join(SECTORS)}.")
        values["sector"] = found
    municipality = table.text(cells.get("municipality"))
    if municipality:
        values["municipality"] = municipality[:100]
    if "pupil_count" in cells:
        try:
            values["pupil_count"] = table.count(cells["pupil_count"])
        except ValueError:
            shown = table.text(cells["pupil_count"])[:40]
            errors.append(
                f"‘{shown}’ is geen aantal leerlingen/kindplaatsen: "
                "vul een heel getal in, bijvoorbeeld 1.200."
            )
    membership = table.text(cells.get("membership_type"))
    if membership:
        found = _choice(membership, MEMBERSHIP_TYPES)
        if found is None:
            errors.append(
                f"Onbekend lidmaatschap ‘{membership[:40]}’: kies convenant, basis of uitgebreid."
            )
        values["membership_type"] = found
    if "lef_partner" in cells:
        try:
            values["lef_partner"] = table.yes_no(cells["lef_partner"])
        except ValueError:
            errors.append("Vul bij LEF-partner ja of nee in.")
    if "website" in cells:
        website = table.text(cells["website"])
        if website and "://" not in website:
            website = f"https://{website}"
        if len(website) > 200 or " " in website:
            errors.append("Dit is geen geldig webadres.")
        values["website"] = website
    return values


def _choice(value, mapping):
    """The key of a {key: label} mapping that a cell names, by key or by label."""
    wanted = value.casefold()
    for key, label in mapping.items():
        if wanted in (key.casefold(), label.casefold()):
            return key
    return None


def _plan_people(cells, result, network):
    organisation = result.organisation
    for key, (kind, label) in ROLES.items():
        raw = table.text(cells.get(f"{key}_email"))
        if not raw:
            continue
        try:
            email = validate_email(raw, check_deliverability=False).normalized.lower()
        except EmailNotValidError:
            result.errors.append(f"‘{raw[:60]}’ is geen geldig e-mailadres ({label}).")
            continue
        name = table.text(cells.get(f"{key}_name"))[:200]
        user = network.users.get(email)
        contacts = network.contacts.get(user.id, []) if user else []
        elsewhere = [
            c for c in contacts if organisation is None or c.organisation_id != organisation.id
        ]
        if elsewhere:
            other = network.by_id[elsewhere[0].organisation_id].name
            result.errors.append(f"Het e-mailadres {email} is al in gebruik bij {other}.")
            continue
        if user is None and not name:
            result.errors.append(f"De naam van de {label} ontbreekt.")
            continue
        mine = next((c for c in contacts if c not in elsewhere), None)
        if mine is None or mine.kind != kind:
            result.people.append((kind, email, name, mine, user))
            if organisation is not None:
                result.changes.append(label)
    emails = [email for _kind, email, *_rest in result.people]
    if len(set(emails)) < len(emails):
        result.errors.append("De contactpersoon en de achtervang zijn dezelfde persoon.")


def _plan_signing(cells, result, network):
    if "signed" not in cells and "signed_on" not in cells:
        return
    try:
        signed_on = table.day(cells.get("signed_on"))
    except ValueError:
        result.errors.append("Schrijf de datum van ondertekening als dd-mm-jjjj.")
        return
    try:
        signed = table.yes_no(cells.get("signed")) if "signed" in cells else signed_on is not None
    except ValueError:
        result.errors.append("Vul bij getekend ja of nee in.")
        return
    if not signed and signed_on is not None:
        result.errors.append("Er staat een datum van ondertekening, maar getekend is nee.")
        return
    organisation = result.organisation
    current = network.signed.get(organisation.id) if organisation else None
    was_signed = current is not None and current.via == "ondertekend"
    if not signed:
        if was_signed:
            result.errors.append(
                "De ondertekening van de lopende periode kan niet met een import worden "
                "ingetrokken."
            )
        return
    if network.period is None:
        result.errors.append(
            "Er is geen lopende convenantperiode om de ondertekening in vast te leggen."
        )
        return
    if was_signed and current.signed_on == signed_on:
        return
    result.signing = (signed_on,)
    if organisation is not None:
        result.changes.append(COLUMNS["signed"])
