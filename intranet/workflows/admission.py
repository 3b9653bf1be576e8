"""Workflow 1, toetreding: how an organisation becomes a partner.

An applicant drafts and submits. By-right routes (basis, schoolbestuur, school, VSE) go
straight to the projectleider, who checks eligibility and confirms. The uitgebreid route
first collects two references, then the projectleider nominates it to the projectgroep,
whose absolute majority admits or rejects; without one (all voted, or the deadline passed)
or when the projectleider is in doubt, the regiegroep decides, its voorzitter records it.

Here the workflow is put together: its states, effects, timers and activities. Its steps are
in admission_steps.py, the vote rule and the casting of votes in admission_vote.py; their
public names are importable from here too.
"""

from intranet.admission import effects
from intranet.admission.models import Application
from intranet.reminders.sending import remind_before_deadline
from intranet.workflows.admission_steps import (
    APPLICANT,
    CHAIR,
    ENGINE,
    LEADER,
    MEMBER,
    OPEN,
    TRANSITIONS,
    VOTE,
    by_right,
    complete,
    reference_facts,
    references_in,
    uitgebreid,
)
from intranet.workflows.admission_vote import (
    CLOSED,
    GEEN,
    NOT_A_MEMBER,
    OWN_VOTE_STANDS,
    PAST_DEADLINE,
    TEGEN,
    VOOR,
    Tally,
    cast,
    current_member_ids,
    deadline_passed,
    majority_tegen,
    majority_voor,
    no_majority,
    record_on_behalf,
    tally,
    vote_facts,
    vote_outcome,
)
from intranet.workflows.definition import Activity, Timer, Workflow
from intranet.workflows.states import AdmissionState as S

__all__ = [
    "APPLICANT",
    "CHAIR",
    "CLOSED",
    "ENGINE",
    "GEEN",
    "LEADER",
    "MEMBER",
    "NOT_A_MEMBER",
    "OPEN",
    "ORGANISATION_LINKED",
    "OWN_VOTE_STANDS",
    "PAST_DEADLINE",
    "TEGEN",
    "VOOR",
    "VOTE",
    "Tally",
    "admission",
    "by_right",
    "complete",
    "current_member_ids",
    "deadline_passed",
    "majority_tegen",
    "majority_voor",
    "no_majority",
    "references_in",
    "tally",
    "uitgebreid",
    "vote_outcome",
]


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
    transitions=TRANSITIONS,
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
    timers=[
        Timer("referent_herinnering", (S.REFERENCES,), effects.remind_referees),
        # members who have not voted hear from tick VOTE_REMINDER_DAYS_BEFORE the deadline
        Timer("stem_herinnering", (S.VOTE,), remind_before_deadline),
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
    ],
    facts={S.VOTE: vote_facts, S.REFERENCES: reference_facts},
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
