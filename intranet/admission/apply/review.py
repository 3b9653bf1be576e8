"""The last step of the form: every answer, grouped per step, to check before submitting."""

from flask_login import current_user

from intranet.admission.eligibility import ROUTE_FIT, canonical_municipality

from . import steps
from .forms import given_referees

NOT_GIVEN = "niet ingevuld"
NO_BACKUP = "geen: u bent de enige in uw organisatie"
SHORT_LABELS = {"route": "Route"}
FIRST = ("contact_name", "contact_email")  # the contactpersoon before the achtervang


def _referees(values):
    rows = []
    for number, referee in enumerate(given_referees(values), start=1):
        extra = ", ".join(part for part in (referee["organisation"], referee["relation"]) if part)
        text = f"{referee['name']} ({referee['email']})" + (f", {extra}" if extra else "")
        rows.append((f"Referent {number}", text))
    return rows


def _answer(field, values):
    text = str(values.get(field.name) or "").strip()
    options = {choice.value: choice.label for choice in getattr(field, "choices", None) or []}
    return options.get(text, text) or NOT_GIVEN


def _rows(step, wizard):
    if step == "referenten":
        return _referees(wizard.values)
    form = steps.make_form(step, wizard.newcomer, wizard.route, formdata=None)
    rows = []
    if step == "contactpersoon" and not wizard.newcomer:
        rows.append(("Contactpersoon", f"{current_user.name} ({current_user.email})"))
    fields = [f for f in form if f.type not in ("CSRFTokenField", "PasswordField")]
    none = bool(wizard.values.get("no_backup"))
    for field in sorted(fields, key=lambda f: f.name not in FIRST):
        if field.name == "no_backup":
            if none:
                rows.append(("Achtervang", NO_BACKUP))
            continue
        if none and field.name in ("backup_name", "backup_email"):
            continue
        label = SHORT_LABELS.get(field.name, field.label.text.removesuffix(" (optioneel)"))
        answer = _answer(field, wizard.values)
        if field.name == "municipality" and answer != NOT_GIVEN:
            answer = canonical_municipality(answer)  # as it will be saved ('leiden': Leiden)
        rows.append((label, answer))
        if field.name == "route" and wizard.route in ROUTE_FIT:
            rows.append(("Kosten", ROUTE_FIT[wizard.route][1]))
    return rows


def summary(wizard):
    """[(step, its label, [(question, answer)])] for every step of the chosen route."""
    return [
        (step, steps.STEPS[step], _rows(step, wizard)) for step in steps.steps_for(wizard.route)
    ]
