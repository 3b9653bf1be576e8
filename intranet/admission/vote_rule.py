"""The projectgroep's vote on an uitgebreid application: the rule, its facts, the casting.

An absolute majority of the current members voor admits, tegen rejects; the vote closes the
moment either is reached. When every member voted without one, or the deadline passed,
the regiegroep decides. Members who left no longer count, nor do their votes. The rule is
`vote_outcome` (a pure function); the admission workflow's automatic steps carry it as the
conditions below, and casting or recording a vote are its activities: the vote page and the
inbox call them through engine.act (workflow.py).
"""

from dataclasses import asdict, dataclass

from intranet.admission.models import CHOICES, Vote
from intranet.models import Membership, User
from intranet.workflows import engine
from intranet.workflows.definition import Condition, Done

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
    return Membership.member_ids("projectgroep")


def tally(application):
    """Count the votes of the current members only."""
    return Tally(**Vote.tally(application, current_member_ids()))


def deadline_passed(application, moment):
    """True once the vote's deadline is over at the moment."""
    return application.vote_deadline is not None and moment >= application.vote_deadline


def vote_facts(case, moment):
    """What the automatic steps of the vote read: the tally and whether the deadline passed."""
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
    earlier = (
        Vote.select(Vote.id, Vote.recorded_by)
        .where(Vote.application == case.id, Vote.member == member.id)
        .first()
    )
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


def cast(case, actor, data, moment):
    """A member casts (or changes) their own vote."""
    return _record_vote(case, actor, None, data, moment)


def record_on_behalf(case, actor, data, moment):
    """The projectleider records a vote on behalf of a member."""
    member = User.get_or_none(User.id == data.get("member"))
    return _record_vote(case, member, actor, data, moment)
