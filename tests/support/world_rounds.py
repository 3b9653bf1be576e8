"""The convenant side of the test world: periods, a decision, a signing and a vriend round.

Built by tests/support/world.py for the authorization matrix.
"""

from datetime import timedelta

from intranet.clock import today
from intranet.rounds import continuation_workflow, opening, period_workflow
from intranet.rounds.models import RenewalInvitation, VriendInvitation
from intranet.workflows import engine
from tests.support import factories

TEXT = "## Convenant\n\n1. Alle partners committeren zich aan de visie."


def periods(leader, voorzitter):
    """A running period the regiegroep continued, and its successor (not yet started)."""
    current = factories.period("Huidige periode", starts=-1000, ends=59, actor=leader)
    engine.fire(period_workflow.WORKFLOW, current.id, "starten", None)
    decision = current.decision
    engine.fire(continuation_workflow.WORKFLOW, decision.id, "agenderen", None)
    engine.fire(
        continuation_workflow.WORKFLOW, decision.id, "voortzetten", voorzitter, comment="Door."
    )
    following = factories.period("Volgende periode", starts=60, ends=1520, actor=leader)
    return type(current).get_by_id(current.id), following


def build(leader, voorzitter, organisation):
    """Periods, the decision, a signing and a vriend round; {name: record}.

    `organisation` is the invited partner whose invitations the URLs point at.
    """
    current, following = periods(leader, voorzitter)
    deadline = today() + timedelta(days=30)
    renewal = opening.open_renewal_round(following, leader, deadline)
    vriend = opening.open_vriend_round(current, leader, deadline)
    return {
        "renewal_round": renewal,
        "renewal": RenewalInvitation.get(
            RenewalInvitation.round == renewal, RenewalInvitation.organisation == organisation
        ),
        "vriend": VriendInvitation.get(
            VriendInvitation.round == vriend, VriendInvitation.organisation == organisation
        ),
        "decision": continuation_workflow.WORKFLOW.model.get_by_id(current.decision.id),
        "period": factories.period(
            "Verre periode", starts=1521, ends=2980, actor=leader
        ),  # no round: still editable
    }
