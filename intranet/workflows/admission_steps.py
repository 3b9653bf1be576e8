"""The steps of workflow 1, toetreding: who takes which step from where, and when.

By-right routes go straight to the projectleider; the uitgebreid route collects references
and goes to the projectgroep's vote (admission_vote.py), whose outcome the automatic steps
take; the regiegroep decides without a majority or when the projectleider is in doubt.
"""

from intranet.admission import announce, effects
from intranet.admission.models import BY_RIGHT, Referee
from intranet.workflows.admission_vote import majority_tegen, majority_voor, no_majority
from intranet.workflows.definition import SYSTEM, Condition, Transition
from intranet.workflows.states import AdmissionState as S

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
    return case.route == "uitgebreid"


def by_right(case):
    """The other routes are eligible by right."""
    return case.route in BY_RIGHT


def reference_facts(case, moment):
    """What the automatic step out of referenties reads: how many referees have not answered."""
    unanswered = Referee.current(case).where(Referee.status != "beantwoord").count()
    return {"unanswered": unanswered}


references_in = Condition(
    lambda case, context: context["facts"]["unanswered"] == 0,
    "Nog niet alle referenten hebben geantwoord.",
)


TRANSITIONS = [
    Transition(
        "indienen",
        S.CONCEPT,
        S.REFERENCES,
        "Aanmelding indienen",
        APPLICANT,
        conditions=(complete,),
        when=uitgebreid,
        after=(effects.acknowledge,),
        done=announce.said(
            "Uw aanmelding voor {organisation} is ingediend. U krijgt een bevestiging per "
            "e-mail; hieronder ziet u wat er nu gebeurt."
        ),
    ),
    Transition(
        "indienen",
        S.CONCEPT,
        S.WITH_LEADER,
        "Aanmelding indienen",
        APPLICANT,
        conditions=(complete,),
        when=by_right,
        after=(effects.acknowledge,),
        done=announce.said(
            "Uw aanmelding voor {organisation} is ingediend. U krijgt een bevestiging per "
            "e-mail; hieronder ziet u wat er nu gebeurt."
        ),
    ),
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
    Transition(
        "bevestigen",
        S.WITH_LEADER,
        S.ADMITTED,
        "Toelating bevestigen (recht op lidmaatschap)",
        LEADER,
        when=by_right,
        comment="optional",
        comment_label="Toelichting bij de controle",
        confirm=announce.admit_preview,
        done=announce.admitted,
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
    Transition(
        "afwijzen",
        (S.WITH_LEADER, S.QUESTION),
        S.REJECTED,
        "Afwijzen",
        LEADER,
        comment="required",
        comment_label="Reden van afwijzing",
        style="contrast",
        confirm=announce.reject_preview,
        done=announce.rejected,
    ),
    Transition(
        "escaleren",
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
    Transition(
        "meerderheid_voor",
        S.VOTE,
        S.ADMITTED,
        "Meerderheid voor",
        ENGINE,
        conditions=(majority_voor,),
        automatic=True,
        actor_label=VOTE,
    ),
    Transition(
        "meerderheid_tegen",
        S.VOTE,
        S.REJECTED,
        "Meerderheid tegen",
        ENGINE,
        conditions=(majority_tegen,),
        automatic=True,
        actor_label=VOTE,
    ),
    Transition(
        "geen_meerderheid",
        S.VOTE,
        S.REGIEGROEP,
        "Geen meerderheid",
        ENGINE,
        conditions=(no_majority,),
        automatic=True,
        actor_label=VOTE,
    ),
    Transition(
        "regiegroep_toelaten",
        S.REGIEGROEP,
        S.ADMITTED,
        "Toelaten",
        CHAIR,
        comment="required",
        comment_label="Motivering van het besluit",
        confirm=announce.admit_preview,
        done=announce.admitted,
    ),
    Transition(
        "regiegroep_afwijzen",
        S.REGIEGROEP,
        S.REJECTED,
        "Afwijzen",
        CHAIR,
        comment="required",
        comment_label="Motivering van het besluit",
        style="contrast",
        confirm=announce.reject_preview,
        done=announce.rejected,
    ),
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
    ),
]
