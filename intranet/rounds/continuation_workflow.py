"""Voortzetting or beëindiging: the regiegroep's decision one year before a period ends.

Convenant art. 5: "Een jaar voor aflopen van de convenantperiode wordt besloten tot
beëindiging of voortzetting van het convenant." Every period gets this case when it is
created; `workflows tick` puts it on the regiegroep's list when the moment comes and
e-mails the regiegroep (once); the voorzitter records the decision with a motivation;
the projectleider is told what follows (a signing round, or the vriend round).
"""

from intranet import mail
from intranet.clock import now
from intranet.deadlines import start_of, year_before
from intranet.rounds.models import ContinuationDecision
from intranet.workflows import engine
from intranet.workflows.definition import SYSTEM, Transition, Workflow
from intranet.workflows.states import ContinuationState as S

VOORZITTER = frozenset({"voorzitter"})

STATES = {
    S.PLANNED: "Nog niet aan de orde",
    S.TO_DECIDE: "Te besluiten door de regiegroep",
    S.CONTINUED: "Voortzetting",
    S.ENDED: "Beëindiging",
}


def schedule_agenda(event):
    """Put the decision on the regiegroep's list when it falls due."""
    engine.schedule(event.workflow, event.case, "agenderen", event.case.due_at)


def tell_regiegroep(event):
    """E-mail every regiegroep member that the decision is now on their list."""
    decision = event.case
    mail.queue_group(
        "regiegroep",
        f"Besluit nodig: voortzetting of beëindiging van {decision.period.name}",
        "period_decision_due",
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
        f"Regiegroep besloot tot {STATES[decision.state].lower()} van {decision.period.name}",
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
            "Op de lijst van de regiegroep (een jaar voor het einde)",
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
        S.TO_DECIDE: [tell_regiegroep],
        S.CONTINUED: [tell_projectleider],
        S.ENDED: [tell_projectleider],
    },
    case_endpoint="rounds.decision",
    can_view=lambda case, user: user.has_role("regiegroep", "projectleider"),
)


def due_at(period):
    """When the decision falls due: one year before the period ends."""
    return start_of(year_before(period.ends_on))


def open_decision(period, actor):
    """Create the period's decision case, due one year before the period ends."""
    return engine.create_case(WORKFLOW, actor, period=period, due_at=due_at(period))
