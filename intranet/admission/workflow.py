"""Workflow 1, toetreding: how an organisation becomes a partner.

An applicant drafts and submits. By-right routes (basis, schoolbestuur, school, VSE) go
straight to the projectleider, who checks eligibility and confirms. The uitgebreid route
first collects its references (two or more), then the projectleider nominates it to the
projectgroep, whose absolute majority admits or rejects (the rule: vote_rule.py); without
one (all voted, or the deadline passed) or when the projectleider is in doubt, the
regiegroep decides, its voorzitter records it.

Read top to bottom: who takes part, the conditions, the steps, escalation to the regiegroep
(its steps, its deadline, its reason, who sees it), and the workflow put together with what
follows each step (effects.py) and what each decision says (announce.py).
"""

from intranet.admission import announce, discussion, effects
from intranet.admission.eligibility import asks_profile_and_referees, is_by_right
from intranet.admission.models import Application, Referee
from intranet.admission.vote_rule import (
    CLOSED,
    cast,
    majority_tegen,
    majority_voor,
    no_majority,
    record_on_behalf,
    vote_facts,
)
from intranet.reminders.sending import remind_before_deadline
from intranet.workflows import engine
from intranet.workflows.definition import SYSTEM, Activity, Condition, Timer, Transition, Workflow
from intranet.workflows.states import AdmissionState as S
from intranet.workflows.states import RefereeStatus

APPLICANT = frozenset({"aanvrager"})
LEADER = frozenset({"projectleider"})
CHAIR = frozenset({"voorzitter"})
ENGINE = frozenset({SYSTEM})
MEMBER = frozenset({"projectgroep"})
VOTE = "stemming projectgroep"
OPEN = S.OPEN

complete = Condition(
    lambda case, context: case.is_complete(),
    "De aanmelding is nog niet compleet: vul alle stappen van het formulier in.",
)


def uitgebreid(case):
    """The extended membership goes through references and a vote."""
    return asks_profile_and_referees(case.route)


def by_right(case):
    """The other routes are eligible by right."""
    return is_by_right(case.route)


def reference_facts(case, moment):
    """What the automatic step out of referenties reads: how many referees have not answered."""
    unanswered = Referee.current(case).where(Referee.status != RefereeStatus.ANSWERED).count()
    return {"unanswered": unanswered}


references_in = Condition(
    lambda case, context: context["facts"]["unanswered"] == 0,
    "Nog niet alle referenten hebben geantwoord.",
)

MOTIVATION = "Motivering van het besluit (staat in het bericht aan de aanvrager)"

# The two ways to the regiegroep: the projectleider's doubt, and a vote without a majority
# (all voted, or the vote's deadline passed; see "Escalation" below).
ESCALATE = "escaleren"
NO_MAJORITY = "geen_meerderheid"


def submit(dest, when):
    """The applicant submits a complete application; `when` picks the route's next state."""
    return Transition(
        "indienen",
        S.CONCEPT,
        dest,
        "Aanmelding indienen",
        APPLICANT,
        conditions=(complete,),
        when=when,
        after=(effects.acknowledge,),
        done=announce.said(
            "Uw aanmelding voor {organisation} is ingediend. U krijgt een bevestiging per "
            "e-mail; hieronder ziet u wat er nu gebeurt."
        ),
    )


def admit(trigger, source, label, roles, **options):
    """A decision to admit: it shows whom it tells before it is taken."""
    return Transition(
        trigger,
        source,
        S.ADMITTED,
        label,
        roles,
        confirm=announce.admit_preview,
        done=announce.admitted,
        **options,
    )


def reject(trigger, source, roles, comment_label):
    """A decision to reject, with its reason: it shows whom it tells before it is taken."""
    return Transition(
        trigger,
        source,
        S.REJECTED,
        "Afwijzen",
        roles,
        comment="required",
        comment_label=comment_label,
        style="contrast",
        confirm=announce.reject_preview,
        done=announce.rejected,
    )


def vote_outcome(trigger, dest, label, outcome):
    """The engine takes the projectgroep's outcome as soon as it holds."""
    return Transition(
        trigger,
        S.VOTE,
        dest,
        label,
        ENGINE,
        conditions=(outcome,),
        automatic=True,
        actor_label=VOTE,
        after=(effects.tell_vote_closed,),
    )


TRANSITIONS = [
    submit(S.REFERENCES, when=uitgebreid),
    submit(S.WITH_LEADER, when=by_right),
    Transition(
        "referenties_compleet",
        S.REFERENCES,
        S.WITH_LEADER,
        "Referenties compleet",
        ENGINE,
        conditions=(references_in,),
        automatic=True,
        actor_label="referenten",
    ),
    Transition(
        "aanvulling_vragen",
        S.WITH_LEADER,
        S.QUESTION,
        "Aanvulling vragen",
        LEADER,
        comment="required",
        comment_label="Uw vraag aan de aanvrager",
        style="secondary",
        done=announce.said(
            "Uw vraag is naar de aanvrager van {organisation} gestuurd; de aanmelding wacht "
            "op het antwoord."
        ),
    ),
    Transition(
        "aanvullen",
        S.QUESTION,
        S.WITH_LEADER,
        "Aanvulling versturen",
        APPLICANT,
        comment="required",
        comment_label="Uw antwoord",
        done=announce.said(
            "Uw antwoord is verstuurd; de projectleider bekijkt de aanmelding opnieuw."
        ),
    ),
    admit(
        "bevestigen",
        S.WITH_LEADER,
        "Toelating bevestigen (recht op lidmaatschap)",
        LEADER,
        when=by_right,
        comment="optional",
        comment_label="Toelichting bij de controle",
    ),
    Transition(
        "voordragen",
        S.WITH_LEADER,
        S.VOTE,
        "Voordragen aan de projectgroep",
        LEADER,
        when=uitgebreid,
        form_endpoint="inbox.nominate",
    ),
    reject("afwijzen", (S.WITH_LEADER, S.QUESTION), LEADER, "Reden van afwijzing"),
    Transition(
        ESCALATE,
        (S.WITH_LEADER, S.VOTE),
        S.REGIEGROEP,
        "Voorleggen aan de regiegroep (twijfel)",
        LEADER,
        comment="required",
        comment_label="Waarom twijfelt u?",
        style="secondary",
        internal=True,  # for the deciders, never for the applicant
        done=announce.said(
            "De aanmelding van {organisation} ligt nu bij de regiegroep; de leden krijgen bericht."
        ),
    ),
    vote_outcome("meerderheid_voor", S.ADMITTED, "Meerderheid voor", majority_voor),
    vote_outcome("meerderheid_tegen", S.REJECTED, "Meerderheid tegen", majority_tegen),
    vote_outcome(NO_MAJORITY, S.REGIEGROEP, "Geen meerderheid", no_majority),
    admit(
        "regiegroep_toelaten",
        S.REGIEGROEP,
        "Toelaten",
        CHAIR,
        comment="required",
        comment_label=MOTIVATION,
    ),
    reject("regiegroep_afwijzen", S.REGIEGROEP, CHAIR, MOTIVATION),
    Transition(
        "intrekken",
        OPEN,
        S.WITHDRAWN,
        "Aanmelding intrekken",
        APPLICANT,
        comment="optional",
        comment_label="Reden",
        style="secondary",
        confirm=announce.withdraw_preview,
        done=announce.withdrawn,
        folded=True,
    ),
]


# Escalation. At the vote's deadline (set when the vote opens, effects.open_vote) the vote is
# counted again and closes with the outcome that holds, without a majority nearly always; the
# deadline is stored under that step's name. On the regiegroep's page the reason comes from
# the step that led there; the regiegroep sees a case once it was escalated.
VOTE_DEADLINE = NO_MAJORITY


def schedule_vote_deadline(event):
    """When the vote opens: close it at its deadline."""
    engine.schedule(event.workflow, event.case, VOTE_DEADLINE, event.case.vote_deadline)


def close_vote(workflow, application, moment):
    """The vote's deadline passed: take the outcome that holds now; False if none did."""
    return engine.settle(workflow, application.id, moment) is not None


def escalation_reason(event):
    """Why the case went to the regiegroep, in words, from the audit event that took it there."""
    if event.trigger == ESCALATE:
        return f"De projectleider ({event.actor_label}) legt de aanvraag voor: {event.comment}"
    if event.actor_label == SYSTEM or event.payload.get("deadline_passed"):
        return "De stemtermijn verstreek zonder meerderheid in de projectgroep."
    return "Alle leden van de projectgroep stemden, zonder meerderheid voor of tegen."


def _may_view(case, user):
    roles = user.roles
    return bool(
        case.applicant_id == user.id
        or "projectleider" in roles
        or ("projectgroep" in roles and case.vote_deadline is not None)
        or ("regiegroep" in roles and case.escalated_at is not None)
    )


def _is_applicant(case, user):
    return {"aanvrager"} if case.applicant_id == user.id else set()


# The projectleider decided an application is for an organisation already known
# (admission/decide/matching.py): a record on the timeline for the deciders only.
ORGANISATION_LINKED = "organisatie_gekoppeld"


WORKFLOW = Workflow(
    name="toetreding",
    label="Toetreding als partner",
    model=Application,
    states={
        S.CONCEPT: "Concept",
        S.REFERENCES: "Wacht op referenties",
        S.WITH_LEADER: "Bij de projectleider",
        S.QUESTION: "Aanvulling gevraagd",
        S.VOTE: "Stemming projectgroep",
        S.REGIEGROEP: "Bij de regiegroep",
        S.ADMITTED: "Toegelaten",
        S.REJECTED: "Afgewezen",
        S.WITHDRAWN: "Ingetrokken",
    },
    initial=S.CONCEPT,
    transitions=TRANSITIONS,
    case_roles=_is_applicant,
    can_view=_may_view,
    on_enter={
        S.REFERENCES: [effects.invite_referees],
        S.WITH_LEADER: [effects.tell_projectleider],
        S.QUESTION: [effects.ask_applicant],
        S.VOTE: [effects.open_vote, schedule_vote_deadline],
        S.REGIEGROEP: [effects.escalate],
        S.ADMITTED: [effects.admit],
        S.REJECTED: [effects.tell_rejection],
        S.WITHDRAWN: [effects.withdraw],
    },
    timers=[
        Timer("referent_herinnering", (S.REFERENCES,), effects.remind_referees),
        # members who have not voted hear from tick VOTE_REMINDER_DAYS_BEFORE the deadline
        Timer("stem_herinnering", (S.VOTE,), remind_before_deadline),
        Timer(VOTE_DEADLINE, (S.VOTE,), close_vote),
    ],
    activities=[
        Activity(
            "stemmen",
            "Stemmen",
            (S.VOTE,),
            MEMBER,
            cast,
            CLOSED,
            writes=("stem_uitgebracht", "stem_gewijzigd"),
        ),
        Activity(
            "stem_vastleggen",
            "Stem vastleggen",
            (S.VOTE,),
            LEADER,
            record_on_behalf,
            CLOSED,
            writes=("stem_vastgelegd",),
        ),
        *discussion.activities(),
    ],
    facts={S.VOTE: vote_facts, S.REFERENCES: reference_facts},
    event_labels={
        "stem_uitgebracht": "stem uitgebracht",
        "stem_gewijzigd": "stem gewijzigd",
        "stem_vastgelegd": "stem vastgelegd namens een lid",
        "referent_vervangen": "referent vervangen",
        ORGANISATION_LINKED: "aanmelding gekoppeld aan een bestaande organisatie",
        **discussion.event_labels(),
    },
    case_endpoint="apply.case",
    insiders=frozenset({"projectleider", "projectgroep", "regiegroep"}),
    internal_events=frozenset(
        {"stem_uitgebracht", "stem_gewijzigd", "stem_vastgelegd", ORGANISATION_LINKED}
    ),
)
