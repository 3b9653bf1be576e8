"""The convenant side of the test world: periods, a decision, a signing and a vriend round.

Built by tests/world.py for the authorization matrix.
"""

from datetime import timedelta

from intranet.clock import today

TEXT = "## Convenant\n\n1. Alle partners committeren zich aan de visie."


def periods(leader, voorzitter):
    """A running period the regiegroep continued, and its successor (not yet started)."""
    from intranet.workflows import continuation, engine
    from intranet.workflows import period as period_workflow

    current = _period(leader, "Huidige periode", -1000, 59)
    engine.fire(period_workflow.WORKFLOW, current.id, "starten", None)
    decision = current.decision
    engine.fire(continuation.WORKFLOW, decision.id, "agenderen", None)
    engine.fire(continuation.WORKFLOW, decision.id, "voortzetten", voorzitter, comment="Door.")
    following = _period(leader, "Volgende periode", 60, 1520)
    return type(current).get_by_id(current.id), following


def _period(leader, name, starts, ends):
    """A period starting and ending so many days from today."""
    from intranet.rounds.periods import create_period

    return create_period(
        leader,
        name=name,
        starts_on=today() + timedelta(days=starts),
        ends_on=today() + timedelta(days=ends),
        signing_deadline=None,
        text=TEXT,
    )


def build(leader, voorzitter, organisation):
    """Periods, the decision, a signing and a vriend round; {name: record}.

    `organisation` is the invited partner whose invitations the URLs point at.
    """
    from intranet.rounds import opening
    from intranet.rounds.models import RenewalInvitation, VriendInvitation
    from intranet.workflows import continuation

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
        "decision": continuation.WORKFLOW.model.get_by_id(current.decision.id),
        "period": _period(leader, "Verre periode", 1521, 2980),  # no round: still editable
    }
