"""A convenant period runs by the calendar: gepland → lopend → afgelopen.

Creating a period schedules both steps for `workflows tick` and opens the regiegroep's
voortzetting/beëindiging decision (continuation.py). When a period starts, the partners
that signed its convenant become its partners and the other invitees lapse
(rounds/rollover.py); when a period ends that nobody continues, its partners lapse.
"""

from intranet.deadlines import end_of, start_of
from intranet.rounds import continuation_workflow, rollover
from intranet.rounds.models import ConvenantPeriod
from intranet.workflows import engine
from intranet.workflows.definition import SYSTEM, Transition, Workflow
from intranet.workflows.states import PeriodState as S

STATES = {S.PLANNED: "Gepland", S.RUNNING: "Lopend", S.ENDED: "Afgelopen"}


def schedule_calendar(event):
    """Schedule the start and the end, and open the decision on continuation."""
    period = event.case
    engine.schedule(event.workflow, period, "starten", start_of(period.starts_on))
    engine.schedule(event.workflow, period, "aflopen", end_of(period.ends_on))
    continuation_workflow.open_decision(period, event.actor)


WORKFLOW = Workflow(
    name="convenantperiode",
    label="Convenantperiode",
    model=ConvenantPeriod,
    states=STATES,
    initial=S.PLANNED,
    transitions=[
        Transition("starten", S.PLANNED, S.RUNNING, "Periode begint", frozenset({SYSTEM})),
        Transition("aflopen", S.RUNNING, S.ENDED, "Periode eindigt", frozenset({SYSTEM})),
    ],
    on_enter={
        S.PLANNED: [schedule_calendar],
        S.RUNNING: [rollover.start_period],
        S.ENDED: [rollover.end_period],
    },
    case_endpoint="rounds.period",
    can_view=lambda case, user: user.has_role("projectleider"),
)


def reschedule(period):
    """After the dates changed: move the start, the end and the decision's due moment."""
    engine.cancel_deadlines(WORKFLOW, period)
    engine.schedule(WORKFLOW, period, "starten", start_of(period.starts_on))
    engine.schedule(WORKFLOW, period, "aflopen", end_of(period.ends_on))
    decision = period.decision
    if decision is not None and decision.state == S.PLANNED:
        decision.due_at = continuation_workflow.due_at(period)
        decision.save(only=[type(decision).due_at])
        engine.cancel_deadlines(continuation_workflow.WORKFLOW, decision)
        engine.schedule(continuation_workflow.WORKFLOW, decision, "agenderen", decision.due_at)
