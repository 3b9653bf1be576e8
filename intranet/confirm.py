"""Irreversible steps ask first: who gets mail, what the message says, then one button.

The first post of such a form does nothing yet: it answers with a confirmation page that
carries the form's values in hidden fields. Its button posts them again with
`bevestigd=ja`; "Wijzigen" (`bevestigd=nee`) goes back to the form, filled in. With htmx the
form posts with `hx-select` of its own section, so the confirmation takes the form's place
in the page; without JavaScript it is a page of its own. The server decides either way.
"""

from dataclasses import dataclass, field

from flask import request

from intranet import htmx

FIELD = "bevestigd"
SHOWN_RECIPIENTS = 8  # more than this: the rest behind "toon alle"


@dataclass
class Confirmation:
    """What the confirmation shows and where its button posts."""

    section_id: str  # the id of the form's section, which the confirmation replaces
    title: str
    question: str  # what will happen, in words
    button: str  # the button that does it
    action: str  # the URL the form posted to
    fields: dict = field(default_factory=dict)  # the form's values, posted again
    recipients: list | None = None  # [(name, detail)] who get an e-mail
    preview: tuple | None = None  # (subject, body) of the message, as the first one reads
    notes: list = field(default_factory=list)  # more to know (partners without contact)
    back_label: str = "Wijzigen"


def answer():
    """'ja' (go ahead), 'nee' (back to the form) or None (not asked yet)."""
    value = request.form.get(FIELD)
    return value if value in ("ja", "nee") else None


def form_values(form):
    """A WTForms form's submitted values, to carry through the confirmation."""
    return {
        name: request.form.get(name, "")
        for name in request.form
        if name not in ("csrf_token", FIELD) and any(name == f.name for f in form)
    }


def render(confirmation, status=200):
    """The confirmation page, or for htmx only its section (which takes the form's place)."""
    return htmx.render(
        "confirm.html",
        "_confirm.html",
        status_code=status,
        confirm=confirmation,
        shown=SHOWN_RECIPIENTS,
    )
