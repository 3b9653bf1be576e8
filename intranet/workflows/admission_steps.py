"""The steps of workflow 1, toetreding: who takes which step from where, and when.

By-right routes go straight to the projectleider; the uitgebreid route collects references
and goes to the projectgroep's vote (admission_vote.py), whose outcome the automatic steps
take; the regiegroep decides without a majority or when the projectleider is in doubt.
"""

from intranet.admission import announce, effects
from intranet.admission.eligibility import asks_profile_and_referees, is_by_right
from intranet.admission.models import Referee
from intranet.workflows.admission_vote import majority_tegen, majority_voor, no_majority
from intranet.workflows.definition import SYSTEM, Condition, Transition
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

MOTIVATION = "Motivering van het besluit"


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
    vote_outcome("meerderheid_voor", S.ADMITTED, "Meerderheid voor", majority_voor),
    vote_outcome("meerderheid_tegen", S.REJECTED, "Meerderheid tegen", majority_tegen),
    vote_outcome("geen_meerderheid", S.REGIEGROEP, "Geen meerderheid", no_majority),
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
    ),
]
