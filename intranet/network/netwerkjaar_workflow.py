"""A schooljaar of the network: it reminds the projectleider of partners without jaargesprek.

The convenant promises a conversation with every partner once a year. Each schooljaar has
one case (created when the jaargesprekken are first opened or planned for that year). On the
setting JAARGESPREK_PLANNED_BY, tick mails the projectleiders the partners that have no
jaargesprek planned, once. On 1 August the year closes and the next one opens.
"""

from datetime import time

from intranet import mail
from intranet.clock import utc
from intranet.db import advisory_lock, write_transaction
from intranet.models import User
from intranet.network.jaargesprek import NetworkYear, partners_without, reminder_date
from intranet.schooljaar import bounds_utc, schooljaar_label
from intranet.workflows import engine
from intranet.workflows.definition import SYSTEM, Timer, Transition, Workflow

NAME = "netwerkjaar"
LOPEND, AFGESLOTEN = "lopend", "afgesloten"
STATES = {LOPEND: "Lopend", AFGESLOTEN: "Afgesloten"}


def ensure_year(year, actor=None):
    """The schooljaar's case, created the first time (as every case: with its event on the
    timeline, by `actor` or the system) with its reminder and its end."""
    found = NetworkYear.get_or_none(NetworkYear.schooljaar == year)
    if found:
        return found
    with write_transaction():
        advisory_lock(f"{NAME}:{year}")  # two first openings at once: one case
        case = NetworkYear.get_or_none(NetworkYear.schooljaar == year)
        if case is not None:
            return case
        case = engine.create_case(
            WORKFLOW, actor, f"Schooljaar {schooljaar_label(year)} geopend.", schooljaar=year
        )
        engine.schedule(WORKFLOW, case, "herinneren", utc(reminder_date(year), time(8, 0)))
        engine.schedule(WORKFLOW, case, "afsluiten", bounds_utc(year)[1])
    return case


def remind(workflow, case, moment):
    """Tell the projectleiders which partners have no jaargesprek planned yet."""
    missing = list(partners_without(case.schooljaar))
    if not missing:
        return
    for person in User.in_group("projectleider"):
        mail.queue(
            person.email,
            f"Jaargesprekken {schooljaar_label(case.schooljaar)}: {len(missing)} partner"
            f"{'s' if len(missing) != 1 else ''} zonder afspraak",
            "network_jaargesprek_reminder",
            person=person,
            year_label=schooljaar_label(case.schooljaar),
            partners=missing,
            url=mail.external_url("network.jaargesprekken", jaar=case.schooljaar),
        )


def open_next(event):
    """When a schooljaar ends, the next one starts with its own reminder."""
    ensure_year(event.case.schooljaar + 1, event.actor)


WORKFLOW = Workflow(
    name=NAME,
    label="Schooljaar van het netwerk",
    model=NetworkYear,
    states=STATES,
    initial=LOPEND,
    transitions=[
        Transition("afsluiten", LOPEND, AFGESLOTEN, "Schooljaar afsluiten", frozenset({SYSTEM})),
    ],
    on_enter={AFGESLOTEN: [open_next]},
    timers=[Timer("herinneren", (LOPEND,), remind)],
    case_endpoint="network.jaargesprekken",
    can_view=lambda case, user: user.has_role("projectleider"),
)
