"""Voortzetting or beëindiging: the regiegroep's decision one year before a period ends.

Convenant art. 5: "Een jaar voor aflopen van de convenantperiode wordt besloten tot
beëindiging of voortzetting van het convenant." So the decision's deadline is one year
before the period ends (`models.decision_deadline`). Every period gets this case when it is
created; `workflows tick` puts it on the regiegroep's list `CONTINUATION_ON_AGENDA_BEFORE`
ahead of that deadline and e-mails the regiegroep (once); the projectleider has it among
their tasks until it is taken and is reminded `CONTINUATION_REMINDER_BEFORE` the deadline;
the voorzitter records the decision with a motivation; a decision taken after the deadline
is marked late; the projectleider is told what follows (a signing round, or the vriend
round).
"""

from flask import current_app

from intranet import glossary, mail
from intranet.clock import now
from intranet.deadlines import last_day, start_of
from intranet.formats import day_numbers
from intranet.rounds.models import ContinuationDecision, decision_deadline
from intranet.workflows import engine
from intranet.workflows.definition import SYSTEM, Timer, Transition, Workflow
from intranet.workflows.states import ContinuationState as S

VOORZITTER = frozenset({"voorzitter"})

STATES = {
    S.PLANNED: "Nog niet aan de orde",
    S.TO_DECIDE: "Te besluiten",  # by the deciding body (DECIDING_BODY), named on its pages
    S.CONTINUED: "Voortzetting",
    S.ENDED: "Beëindiging",
}


def schedule_agenda(event):
    """Put the decision on the regiegroep's list when it falls due."""
    engine.schedule(event.workflow, event.case, "agenderen", event.case.due_at)


def schedule_reminder(event):
    """Remind the projectleider before the deadline, unless that moment has already passed."""
    decision = event.case
    moment = decision.deadline - current_app.config["CONTINUATION_REMINDER_BEFORE"]
    if moment > now():
        engine.schedule(event.workflow, decision, "herinneren", moment)


def remind_projectleider(workflow, decision, moment):
    """Tell the projectleider the decision is still open and when it is due; on the timeline."""
    mail.queue_group(
        "projectleider",
        f"Herinnering: besluit over {decision.period.name} uiterlijk "
        f"{day_numbers(decision.last_day)}",
        "period_decision_reminder",
        decision=decision,
        period=decision.period,
        link=mail.external_url("rounds.decision", case_id=decision.id),
    )
    engine.note(workflow, decision, "herinnering", None, "Herinnering aan de projectleider")


def tell_regiegroep(event):
    """E-mail every regiegroep member that the decision is now on their list."""
    decision = event.case
    mail.queue_group(
        "regiegroep",
        f"Besluit nodig: voortzetting of beëindiging van {decision.period.name}",
        "period_decision_due",
        decision=decision,
        period=decision.period,
        link=mail.external_url("rounds.decision", case_id=decision.id),
    )


def record_decision(event):
    """Keep the motivation, who decided and when on the case."""
    decision = event.case
    decision.motivation = event.comment.strip()
    decision.decided_by = event.actor
    decision.decided_at = now()
    decision.save()


def tell_projectleider(event):
    """E-mail the projectleider the decision and the next step."""
    decision = event.case
    mail.queue_group(
        "projectleider",
        f"{glossary.deciding_body(capital=True)} besloot tot {STATES[decision.state].lower()} "
        f"van {decision.period.name}",
        "period_decision_made",
        decision=decision,
        period=decision.period,
        link=mail.external_url("rounds.period", case_id=decision.period_id),
    )


WORKFLOW = Workflow(
    name="voortzetting",
    label="Besluit voortzetting of beëindiging",
    model=ContinuationDecision,
    states=STATES,
    initial=S.PLANNED,
    transitions=[
        Transition(
            "agenderen",
            S.PLANNED,
            S.TO_DECIDE,
            "Op de besluitenlijst gezet",
            frozenset({SYSTEM}),
        ),
        Transition(
            "voortzetten",
            S.TO_DECIDE,
            S.CONTINUED,
            "Besluiten tot voortzetting",
            VOORZITTER,
            after=(record_decision,),
            comment="required",
            comment_label="Motivering",
        ),
        Transition(
            "beeindigen",
            S.TO_DECIDE,
            S.ENDED,
            "Besluiten tot beëindiging",
            VOORZITTER,
            after=(record_decision,),
            comment="required",
            comment_label="Motivering",
            style="secondary",
        ),
    ],
    on_enter={
        S.PLANNED: [schedule_agenda],
        S.TO_DECIDE: [tell_regiegroep, schedule_reminder],
        S.CONTINUED: [tell_projectleider],
        S.ENDED: [tell_projectleider],
    },
    timers=[Timer("herinneren", (S.TO_DECIDE,), remind_projectleider)],
    event_labels={"herinnering": "Herinnering verstuurd"},
    case_endpoint="rounds.decision",
    can_view=lambda case, user: user.has_role("regiegroep", "projectleider"),
)


def due_at(period):
    """When the decision goes on the regiegroep's list: some months before its deadline."""
    notice = current_app.config["CONTINUATION_ON_AGENDA_BEFORE"]
    return start_of(last_day(decision_deadline(period.ends_on)) - notice)


def open_decision(period, actor):
    """Create the period's decision case, due one year before the period ends."""
    return engine.create_case(WORKFLOW, actor, period=period, due_at=due_at(period))
