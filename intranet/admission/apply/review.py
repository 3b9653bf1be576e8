"""The last step of the form: every answer, grouped per step, to check before submitting."""

from flask_login import current_user

from . import steps

NOT_GIVEN = "niet ingevuld"
SHORT_LABELS = {"route": "Route"}
FIRST = ("contact_name", "contact_email")  # the contactpersoon before the achtervang
REFEREE_PARTS = ("name", "email", "organisation", "relation")


def _referees(values):
    rows = []
    for number in (1, 2):
        name, email, organisation, relation = (
            values.get(f"referee{number}_{part}", "").strip() for part in REFEREE_PARTS
        )
        extra = ", ".join(part for part in (organisation, relation) if part)
        text = f"{name} ({email})" + (f", {extra}" if extra else "")
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
    for field in sorted(fields, key=lambda f: f.name not in FIRST):
        label = SHORT_LABELS.get(field.name, field.label.text.removesuffix(" (optioneel)"))
        rows.append((label, _answer(field, wizard.values)))
    return rows


def summary(wizard):
    """[(step, its label, [(question, answer)])] for every step of the chosen route."""
    return [
        (step, steps.STEPS[step], _rows(step, wizard)) for step in steps.steps_for(wizard.route)
    ]
