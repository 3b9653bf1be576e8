"""Exporting the network in the format the import reads, so an export imports back unchanged."""

from intranet.models import Contact, Organisation, User
from intranet.partners import table
from intranet.rounds.models import ConvenantPeriod, PeriodMembership


def records():
    """Every current partner as a record by column key, by name (three queries)."""
    partners = list(Organisation.current_partners())
    people = {}
    contacts = (
        Contact.select(Contact, User)
        .join(User)
        .where(Contact.organisation.in_(Organisation.current_partners().select(Organisation.id)))
        .order_by(Contact.organisation, User.name)
    )
    for contact in contacts:
        slot = "backup" if contact.kind == "achtervang" else "contact"
        people.setdefault((contact.organisation_id, slot), contact.user)
    period = ConvenantPeriod.running()
    signed = {}
    if period is not None:
        query = PeriodMembership.select().where(
            PeriodMembership.period == period, PeriodMembership.via == "ondertekend"
        )
        signed = {m.organisation_id: m.signed_on for m in query}
    return [_record(o, people, signed, period is not None) for o in partners]


def _record(organisation, people, signed, with_period):
    record = {
        key: getattr(organisation, key) for key in table.COLUMNS if hasattr(organisation, key)
    }
    for slot in ("contact", "backup"):
        user = people.get((organisation.id, slot))
        record[f"{slot}_name"] = user.name if user else ""
        record[f"{slot}_email"] = user.email if user else ""
    if with_period:
        record["signed"] = organisation.id in signed
        record["signed_on"] = signed.get(organisation.id)
    return record


def export(kind="csv"):
    """The current partners as file contents: Dutch Excel CSV, or .xlsx."""
    rows = records()
    return table.write_xlsx(rows) if kind == "xlsx" else table.write_csv(rows)
