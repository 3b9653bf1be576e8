"""A partner's convenant and membership history and its renewal and vriend invitations."""

from intranet.models import PartnerMembership, PupilCount
from intranet.rounds.models import invitations_for, periods_of


def membership_history(organisation):
    """When the organisation was a partner (from, until, route), the periods it was partner
    in, its counts per schooljaar, and its invitations (open ones first)."""
    invitations = sorted(invitations_for(organisation), key=lambda i: i.state != i.State.INVITED)
    return {
        "memberships": list(PartnerMembership.of(organisation)),
        "periods": list(periods_of(organisation)),
        "counts": sorted(PupilCount.history(organisation).items()),
        "invitations": invitations,
    }
