"""A partner's convenant and membership history and its renewal and vriend invitations."""

from intranet.rounds.models import invitations_for, periods_of


def membership_history(organisation):
    """The periods the organisation was partner in, and its invitations (open ones first)."""
    invitations = sorted(invitations_for(organisation), key=lambda i: i.state != i.State.INVITED)
    return {"periods": list(periods_of(organisation)), "invitations": invitations}
