"""Workflow 1, toetreding: how an organisation becomes a partner.

An applicant drafts and submits. By-right routes (basis, schoolbestuur, school, VSE) go
straight to the projectleider, who checks eligibility and confirms. The uitgebreid route
first collects two references, then the projectleider nominates it to the projectgroep,
whose absolute majority admits or rejects; without one (all voted, or the deadline passed)
or when the projectleider is in doubt, the regiegroep decides, its voorzitter records it.
"""

from dataclasses import asdict, dataclass

from intranet.admission import announce, effects
from intranet.admission.models import BY_RIGHT, CHOICES, Application, Referee, Vote
from intranet.models import User
from intranet.workflows import engine
from intranet.workflows.definition import (
    SYSTEM,
    Activity,
    Condition,
    Done,
    Timer,
    Transition,
    Workflow,
)
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


# The projectgroep's vote -------------------------------------------------------------------
# An absolute majority of the current members voor admits, tegen rejects; the vote closes the
# moment either is reached. When every member voted without one, or the deadline passed,
# the regiegroep decides. Members who left no longer count, nor do their votes.

VOOR, TEGEN, GEEN = "voor", "tegen", "geen"
CLOSED = "De stemming is al gesloten; uw stem is niet meer verwerkt."
PAST_DEADLINE = "De stemming is al gesloten: de stemtermijn is verstreken."
NOT_A_MEMBER = "Alleen leden van de projectgroep stemmen."
OWN_VOTE_STANDS = (
    "{} heeft zelf al gestemd; die stem blijft staan en wordt niet vervangen door een "
    "vastgelegde stem."
)


def vote_outcome(members, voor, tegen, twijfel, deadline_passed):
    """How a vote stands: VOOR or TEGEN (an absolute majority of the current members), GEEN
    (all members voted, or the deadline passed, without one), or None (still open)."""
    majority = members // 2 + 1
    if members and voor >= majority:
        return VOOR
    if members and tegen >= majority:
        return TEGEN
    if deadline_passed or 0 < members <= voor + tegen + twijfel:
        return GEEN
    return None


@dataclass
class Tally:
    """The count of a vote among the current projectgroep members."""

    members: int
    voor: int = 0
    tegen: int = 0
    twijfel: int = 0

    @property
    def cast(self):
        """How many current members voted."""
        return self.voor + self.tegen + self.twijfel

    @property
    def majority(self):
        """Votes needed for an absolute majority."""
        return self.members // 2 + 1


def current_member_ids():
    """Ids of the active projectgroep members."""
    return {user_id for (user_id,) in User.in_group("projectgroep").select(User.id).tuples()}


def tally(application):
    """Count the votes of the current members only."""
    return Tally(**Vote.tally(application, "projectgroep"))


def deadline_passed(application, moment):
    """True once the vote's deadline is over at the moment."""
    return application.vote_deadline is not None and moment >= application.vote_deadline


def _vote_facts(case, moment):
    return {**asdict(tally(case)), "deadline_passed": deadline_passed(case, moment)}


def _outcome_is(outcome):
    return lambda case, context: vote_outcome(**context["facts"]) == outcome


majority_voor = Condition(_outcome_is(VOOR), "Er is nog geen absolute meerderheid voor.")
majority_tegen = Condition(_outcome_is(TEGEN), "Er is nog geen absolute meerderheid tegen.")
no_majority = Condition(_outcome_is(GEEN), "Nog niet alle leden stemden en de termijn loopt nog.")


def _record_vote(case, member, recorder, data, moment):
    """Write a member's vote (theirs, or recorded on their behalf); what the timeline says."""
    choice, motivation = data.get("choice"), (data.get("motivation") or "").strip()
    if choice not in CHOICES:
        raise engine.ConditionFailed("Kies voor, tegen of twijfel.")
    if deadline_passed(case, moment):
        raise engine.AlreadyHandled(PAST_DEADLINE)
    if member is None or (recorder is not None and member.id not in current_member_ids()):
        raise engine.NotPermitted(NOT_A_MEMBER)  # the engine checked the role of one's own vote
    earlier = Vote.get_or_none(Vote.application == case, Vote.member == member)
    if recorder is not None and earlier is not None and earlier.recorded_by_id is None:
        raise engine.ConditionFailed(OWN_VOTE_STANDS.format(member.name))
    fields = {
        "choice": choice,
        "motivation": motivation,
        "cast_at": moment,
        "recorded_by": recorder,
    }
    if earlier is None:
        vote = Vote.create(application=case, member=member, **fields)
    else:
        Vote.update(**fields).where(Vote.id == earlier.id).execute()
        vote = Vote(id=earlier.id, application=case, member=member, **fields)
    if recorder is not None:
        what, label = "stem_vastgelegd", f"{recorder.name} namens {member.name}"
    else:
        what, label = ("stem_gewijzigd" if earlier else "stem_uitgebracht"), member.name
    return Done(what, label, {"member": member.id, "choice": choice}, vote)


def _cast(case, actor, data, moment):
    return _record_vote(case, actor, None, data, moment)


def _record_on_behalf(case, actor, data, moment):
    member = User.get_or_none(User.id == data.get("member"))
    return _record_vote(case, member, actor, data, moment)


def _reference_facts(case, moment):
    unanswered = Referee.current(case).where(Referee.status != "beantwoord").count()
    return {"unanswered": unanswered}


references_in = Condition(
    lambda case, context: context["facts"]["unanswered"] == 0,
    "Nog niet alle referenten hebben geantwoord.",
)


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


# The projectleider decided an application is for an organisation already known
# (admission/decide/matching.py): a record on the timeline for the deciders only.
ORGANISATION_LINKED = "organisatie_gekoppeld"


admission = Workflow(
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
    transitions=[
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
            done=announce.said(
                "De aanmelding van {organisation} ligt nu bij de regiegroep; de leden krijgen "
                "bericht."
            ),
            internal=True,  # for the deciders, never for the applicant
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
            done=announce.said("De aanmelding van {organisation} is ingetrokken."),
        ),
    ],
    case_roles=_is_applicant,
    can_view=_may_view,
    on_enter={
        S.REFERENCES: [effects.invite_referees],
        S.WITH_LEADER: [effects.tell_projectleider],
        S.QUESTION: [effects.ask_applicant],
        S.VOTE: [effects.open_vote],
        S.REGIEGROEP: [effects.escalate],
        S.ADMITTED: [effects.admit],
        S.REJECTED: [effects.tell_rejection],
        S.WITHDRAWN: [effects.withdraw],
    },
    timers=[Timer("referent_herinnering", (S.REFERENCES,), effects.remind_referees)],
    activities=[
        Activity(
            "stemmen",
            "Stemmen",
            (S.VOTE,),
            MEMBER,
            _cast,
            CLOSED,
            writes=("stem_uitgebracht", "stem_gewijzigd"),
        ),
        Activity(
            "stem_vastleggen",
            "Stem vastleggen",
            (S.VOTE,),
            LEADER,
            _record_on_behalf,
            CLOSED,
            writes=("stem_vastgelegd",),
        ),
    ],
    facts={S.VOTE: _vote_facts, S.REFERENCES: _reference_facts},
    event_labels={
        "stem_uitgebracht": "stem uitgebracht",
        "stem_gewijzigd": "stem gewijzigd",
        "stem_vastgelegd": "stem vastgelegd namens een lid",
        "referent_vervangen": "referent vervangen",
        ORGANISATION_LINKED: "aanmelding gekoppeld aan een bestaande organisatie",
    },
    case_endpoint="apply.case",
    insiders=frozenset({"projectleider", "projectgroep", "regiegroep"}),
    internal_events=frozenset(
        {"stem_uitgebracht", "stem_gewijzigd", "stem_vastgelegd", ORGANISATION_LINKED}
    ),
)
