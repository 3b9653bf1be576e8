"""Workflow 1, toetreding: how an organisation becomes a partner.

An applicant drafts and submits. By-right routes (basis, schoolbestuur, school, VSE) go
straight to the projectleider, who checks eligibility and confirms. The uitgebreid route
first collects two references, then the projectleider nominates it to the projectgroep,
whose absolute majority admits or rejects; without one (all voted, or the deadline passed)
or when the projectleider is in doubt, the regiegroep decides, its voorzitter records it.
"""

from intranet.admission import effects
from intranet.admission.models import BY_RIGHT, Application
from intranet.reminders.sending import remind_before_deadline
from intranet.workflows import register
from intranet.workflows.definition import SYSTEM, Condition, Timer, Transition, Workflow

APPLICANT = frozenset({"aanvrager"})
LEADER = frozenset({"projectleider"})
CHAIR = frozenset({"voorzitter"})
ENGINE = frozenset({SYSTEM})
OPEN = ("concept", "referenties", "bij_projectleider", "aanvulling", "stemming", "regiegroep")

complete = Condition(
    lambda case, context: effects.is_complete(case),
    "De aanmelding is nog niet compleet: vul alle stappen van het formulier in.",
)


def uitgebreid(case):
    """The extended membership goes through references and a vote."""
    return case.route == "uitgebreid"


def by_right(case):
    """The other routes are eligible by right."""
    return case.route in BY_RIGHT


def _is_applicant(case, user):
    return {"aanvrager"} if case.applicant_id == user.id else set()


def _may_view(case, user):
    roles = user.roles
    return bool(
        case.applicant_id == user.id
        or "projectleider" in roles
        or ("projectgroep" in roles and case.vote_deadline is not None)
        or ("regiegroep" in roles and case.escalated_at is not None)
    )


admission = register(
    Workflow(
        name="toetreding",
        label="Toetreding als partner",
        model=Application,
        states={
            "concept": "Concept",
            "referenties": "Wacht op referenties",
            "bij_projectleider": "Bij de projectleider",
            "aanvulling": "Aanvulling gevraagd",
            "stemming": "Stemming projectgroep",
            "regiegroep": "Bij de regiegroep",
            "toegelaten": "Toegelaten",
            "afgewezen": "Afgewezen",
            "ingetrokken": "Ingetrokken",
        },
        initial="concept",
        transitions=[
            Transition(
                "indienen",
                "concept",
                "referenties",
                "Aanmelding indienen",
                APPLICANT,
                conditions=(complete,),
                when=uitgebreid,
                after=(effects.acknowledge,),
            ),
            Transition(
                "indienen",
                "concept",
                "bij_projectleider",
                "Aanmelding indienen",
                APPLICANT,
                conditions=(complete,),
                when=by_right,
                after=(effects.acknowledge,),
            ),
            Transition(
                "referenties_compleet",
                "referenties",
                "bij_projectleider",
                "Referenties compleet",
                ENGINE,
            ),
            Transition(
                "aanvulling_vragen",
                "bij_projectleider",
                "aanvulling",
                "Aanvulling vragen",
                LEADER,
                comment="required",
                comment_label="Uw vraag aan de aanvrager",
                style="secondary",
            ),
            Transition(
                "aanvullen",
                "aanvulling",
                "bij_projectleider",
                "Aanvulling versturen",
                APPLICANT,
                comment="required",
                comment_label="Uw antwoord",
            ),
            Transition(
                "bevestigen",
                "bij_projectleider",
                "toegelaten",
                "Toelating bevestigen (recht op lidmaatschap)",
                LEADER,
                when=by_right,
                comment="optional",
                comment_label="Toelichting bij de controle",
            ),
            Transition(
                "voordragen",
                "bij_projectleider",
                "stemming",
                "Voordragen aan de projectgroep",
                LEADER,
                when=uitgebreid,
                form_endpoint="inbox.nominate",
            ),
            Transition(
                "afwijzen",
                ("bij_projectleider", "aanvulling"),
                "afgewezen",
                "Afwijzen",
                LEADER,
                comment="required",
                comment_label="Reden van afwijzing",
                style="contrast",
            ),
            Transition(
                "escaleren",
                ("bij_projectleider", "stemming"),
                "regiegroep",
                "Voorleggen aan de regiegroep (twijfel)",
                LEADER,
                comment="required",
                comment_label="Waarom twijfelt u?",
                style="secondary",
            ),
            Transition("meerderheid_voor", "stemming", "toegelaten", "Meerderheid voor", ENGINE),
            Transition("meerderheid_tegen", "stemming", "afgewezen", "Meerderheid tegen", ENGINE),
            Transition("geen_meerderheid", "stemming", "regiegroep", "Geen meerderheid", ENGINE),
            Transition(
                "regiegroep_toelaten",
                "regiegroep",
                "toegelaten",
                "Toelaten",
                CHAIR,
                comment="required",
                comment_label="Motivering van het besluit",
            ),
            Transition(
                "regiegroep_afwijzen",
                "regiegroep",
                "afgewezen",
                "Afwijzen",
                CHAIR,
                comment="required",
                comment_label="Motivering van het besluit",
                style="contrast",
            ),
            Transition(
                "intrekken",
                OPEN,
                "ingetrokken",
                "Aanmelding intrekken",
                APPLICANT,
                comment="optional",
                comment_label="Reden",
                style="secondary",
            ),
        ],
        case_roles=_is_applicant,
        can_view=_may_view,
        on_enter={
            "referenties": [effects.invite_referees],
            "bij_projectleider": [effects.tell_projectleider],
            "aanvulling": [effects.ask_applicant],
            "stemming": [effects.open_vote],
            "regiegroep": [effects.escalate],
            "toegelaten": [effects.admit],
            "afgewezen": [effects.tell_rejection],
            "ingetrokken": [effects.withdraw],
        },
        timers=[
            Timer("referent_herinnering", ("referenties",), effects.remind_referees),
            # members who have not voted hear from tick VOTE_REMINDER_DAYS_BEFORE the deadline
            Timer("stem_herinnering", ("stemming",), remind_before_deadline),
        ],
        case_endpoint="apply.case",
    )
)
