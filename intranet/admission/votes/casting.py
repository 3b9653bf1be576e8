"""The projectgroep's vote: cast or change a vote, and close it as soon as it is certain.

An absolute majority of the current members voor admits, tegen rejects; the vote closes the
moment either is reached. When every member voted without such a majority, or the deadline
passes (a timed step), the regiegroep decides.
"""

from dataclasses import dataclass

from intranet.admission.models import CHOICES, Application, Vote
from intranet.clock import now
from intranet.db import locked, write_transaction
from intranet.models import Membership, User
from intranet.workflows import engine
from intranet.workflows.admission import admission

CLOSED = "De stemming is al gesloten; uw stem is niet meer verwerkt."
PAST_DEADLINE = "De stemming is al gesloten: de stemtermijn is verstreken."


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

    def outcome(self):
        """The trigger that closes the vote now, or None while it stays open."""
        if self.members and self.voor >= self.majority:
            return "meerderheid_voor"
        if self.members and self.tegen >= self.majority:
            return "meerderheid_tegen"
        if self.cast >= self.members:
            return "geen_meerderheid"
        return None


def current_member_ids():
    """Ids of the active projectgroep members."""
    return {user.id for user in User.in_group("projectgroep").select(User.id)}


def tally(application):
    """Count the votes of the current members only."""
    members = current_member_ids()
    result = Tally(members=len(members))
    for vote in Vote.select(Vote.member, Vote.choice).where(Vote.application == application):
        if vote.member_id in members:
            setattr(result, vote.choice, getattr(result, vote.choice) + 1)
    return result


def cast_vote(application_id, member, choice, motivation="", recorded_by=None):
    """Record (or change) a member's vote and close the vote if the outcome is certain.

    Runs under the application's write lock, so two deciding votes at the same moment give
    one outcome: the second finds the vote closed and gets AlreadyHandled.
    """
    if choice not in CHOICES:
        raise engine.ConditionFailed("Kies voor, tegen of twijfel.")
    with write_transaction():
        application = locked(
            Application.select().where(Application.id == application_id)
        ).get_or_none()
        if application is None:
            raise engine.CaseNotFound("Dit dossier bestaat niet.")
        if application.state != "stemming":
            raise engine.AlreadyHandled(CLOSED)
        if deadline_passed(application):
            raise engine.AlreadyHandled(PAST_DEADLINE)
        if member.id not in current_member_ids():
            raise engine.NotPermitted("Alleen leden van de projectgroep stemmen.")
        fields = {
            "choice": choice,
            "motivation": motivation.strip(),
            "cast_at": now(),
            "recorded_by": recorded_by,
        }
        updated = (
            Vote.update(**fields)
            .where(Vote.application == application, Vote.member == member)
            .execute()
        )
        if not updated:
            Vote.create(application=application, member=member, **fields)
        outcome = tally(application).outcome()
        if outcome:
            label = "stemming projectgroep"
            engine.fire(admission, application.id, outcome, None, actor_label=label)
    return outcome


def deadline_passed(application):
    """True once the vote's deadline is over (tick then escalates it, if still open)."""
    return application.vote_deadline is not None and now() > application.vote_deadline


def is_member(user):
    """True if the user sits in the projectgroep now."""
    return Membership.current("projectgroep").where(Membership.user == user).exists()
