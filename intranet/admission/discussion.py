"""The deciders' discussions of a case (Loomio's core): the projectgroep's with the
projectleider while the vote runs, and the regiegroep's once the case is escalated.

One model (Comment, by `discussion`), one activity per discussion in the admission workflow
(each contribution is on the case's timeline, who and when, for the insiders only; once the
discussion closed the engine refuses in a friendly way), one page part
(templates/admission/_comments.html, posted through admission/decide/comments.py).
"""

from dataclasses import dataclass

from intranet.admission.models import Comment
from intranet.workflows import engine
from intranet.workflows.definition import Activity, Done
from intranet.workflows.states import AdmissionState as S

EMPTY = "Schrijf eerst uw reactie."


@dataclass(frozen=True)
class Discussion:
    """Who discuss a case, while it is in which states, and where they post."""

    name: str  # Comment.discussion
    title: str  # the heading of the discussion on its page
    states: tuple  # open for contributions while the case is in these
    roles: frozenset  # who read and post
    readers: str  # who read it, in words, under the heading
    closed: str  # the answer to a contribution once it closed
    endpoint: str  # the route that takes a contribution (called with case_id)

    @property
    def activity(self):
        """The admission workflow's activity that posts to this discussion."""
        return f"reageren_{self.name}"

    @property
    def what(self):
        """The timeline entry of a contribution."""
        return f"reactie_{self.name}"


PROJECTGROEP = Discussion(
    "projectgroep",
    "Bespreking in de projectgroep",
    (S.VOTE,),
    frozenset({"projectgroep", "projectleider"}),
    "de leden van de projectgroep en de projectleider; de aanvrager niet",
    "De stemming is gesloten; reageren kan niet meer.",
    "votes.comment",
)
REGIEGROEP = Discussion(
    "regiegroep",
    "Bespreking in de regiegroep",
    (S.REGIEGROEP,),
    frozenset({"regiegroep"}),
    "de leden van de regiegroep en de projectleider; de aanvrager niet",
    "Over deze aanmelding is al besloten; reageren kan niet meer.",
    "regiegroep.comment",
)
DISCUSSIONS = (PROJECTGROEP, REGIEGROEP)


def _poster(discussion):
    def post(case, actor, data, moment):
        """Add the actor's contribution to the discussion of the locked case."""
        text = (data.get("text") or "").strip()
        if not text:
            raise engine.ConditionFailed(EMPTY)
        comment = Comment.create(
            application=case,
            discussion=discussion.name,
            author=actor,
            text=text,
            created_at=moment,
        )
        return Done(discussion.what, actor.name, {"comment": comment.id}, comment)

    return post


def activities():
    """Posting to each discussion, as activities of the admission workflow."""
    return [
        Activity(
            d.activity,
            "Reageren",
            d.states,
            d.roles,
            _poster(d),
            d.closed,
            writes=(d.what,),
        )
        for d in DISCUSSIONS
    ]


def event_labels():
    """How a contribution reads on the timeline (the text stays in the discussion)."""
    return {d.what: f"reactie in de {d.name}" for d in DISCUSSIONS}
