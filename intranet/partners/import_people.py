"""What an import row says about people and signatures: its contactpersoon and achtervang
(an address belongs to one organisation), and whether it signed the running period."""

from email_validator import EmailNotValidError, validate_email

from intranet.partners import cells as read
from intranet.partners.table import COLUMNS

ROLES = {"contact": ("primary", "contactpersoon"), "backup": ("achtervang", "achtervang")}


def plan_people(cells, result, network):
    """The contactpersoon and achtervang a row names: who is new, who changes role."""
    organisation = result.organisation
    for key, (kind, label) in ROLES.items():
        raw = read.text(cells.get(f"{key}_email"))
        if not raw:
            continue
        try:
            email = validate_email(raw, check_deliverability=False).normalized.lower()
        except EmailNotValidError:
            result.errors.append(f"‘{raw[:60]}’ is geen geldig e-mailadres ({label}).")
            continue
        name = read.text(cells.get(f"{key}_name"))[:200]
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
                result.changes.append(f"{label}: → {email}")
    emails = [email for _kind, email, *_rest in result.people]
    if len(set(emails)) < len(emails):
        result.errors.append("De contactpersoon en de achtervang zijn dezelfde persoon.")


def plan_signing(cells, result, network):
    """Whether (and when) the row says the organisation signed the running period."""
    given = [key for key in ("signed", "signed_on") if read.text(cells.get(key))]
    if not given:  # no column, or empty cells: the signature stays as it is
        return
    try:
        signed_on = read.day(cells.get("signed_on"))
    except ValueError:
        result.errors.append("Schrijf de datum van ondertekening als dd-mm-jjjj.")
        return
    try:
        signed = read.yes_no(cells.get("signed")) if "signed" in cells else signed_on is not None
    except ValueError:
        result.errors.append("Vul bij ondertekend ja of nee in.")
        return
    if not signed and signed_on is not None:
        result.errors.append("Er staat een datum van ondertekening, maar ondertekend is nee.")
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
        before = current.signed_on if was_signed else None
        result.changes.append(
            f"{COLUMNS['signed']}: {_signed_words(was_signed, before)} → "
            f"{_signed_words(True, signed_on)}"
        )


def _signed_words(signed, on):
    """ja (31-10-2018), ja or nee."""
    if not signed:
        return "nee"
    return f"ja ({on:%d-%m-%Y})" if on else "ja"
