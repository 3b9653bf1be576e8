"""Creating and changing convenant periods (the calendar and the decision follow)."""

import os

from intranet.db import write_transaction
from intranet.models import Setting
from intranet.rounds import period_workflow
from intranet.rounds.models import ConvenantPeriod
from intranet.workflows import engine
from intranet.workflows.states import PeriodState

FIELDS = ("name", "starts_on", "ends_on", "signing_deadline", "text")
DEMO_NOTE_KEY = "rounds.demo_note"  # written by `seed-demo` (intranet/demo/rounds.py)


def convenant_2018():
    """The text of the 2018 convenant (De Leidse Aanpak 2.0), shipped with the package."""
    path = os.path.join(os.path.dirname(__file__), "convenant_2018.txt")
    with open(path, encoding="utf-8") as handle:
        return handle.read()


def draft_text():
    """The text a new period starts from: the latest period's, else the 2018 convenant."""
    latest = ConvenantPeriod.select().order_by(ConvenantPeriod.starts_on.desc()).first()
    return latest.text if latest else convenant_2018()


def create_period(actor, **values):
    """A new period after the latest one; its start, end and decision are scheduled."""
    values["name"] = values["name"].strip()
    with write_transaction():
        previous = ConvenantPeriod.latest_before(values["starts_on"])
        return engine.create_case(
            period_workflow.WORKFLOW, actor, previous=previous, created_by=actor, **values
        )


def edit_refusal(period):
    """Why this period can no longer be changed, or None."""
    if period.state != PeriodState.PLANNED:
        return "Deze periode is al begonnen; de gegevens liggen vast."
    if period.round("renewal") is not None:
        return "De ondertekenronde is geopend: partners tekenen deze tekst, die ligt nu vast."
    return None


def update_period(period, **values):
    """Change a period that has not started; a date change moves its deadlines."""
    values["name"] = values["name"].strip()
    moved = (values["starts_on"], values["ends_on"]) != (period.starts_on, period.ends_on)
    with write_transaction():
        for name in FIELDS:
            setattr(period, name, values[name])
        period.save()
        if moved:
            period_workflow.reschedule(period)
    return period


def demo_note():
    """The note that explains the demo's dates, when demo data is present."""
    return Setting.read(DEMO_NOTE_KEY)
