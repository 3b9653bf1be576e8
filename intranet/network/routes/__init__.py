"""The network's pages, one module per concern."""

from flask import abort
from flask_login import current_user

from intranet.models import Organisation
from intranet.network.models import Meeting, Network, NetworkMember
from intranet.workflows.states import OrganisationStatus

JOINABLE = (*OrganisationStatus.CURRENT, OrganisationStatus.VRIEND)


def network_or_404(network_id):
    """The network, or a 404 page."""
    network = Network.get_or_none(Network.id == network_id)
    if network is None:
        abort(404)
    return network


def meeting_or_404(meeting_id):
    """The meeting, or a 404 page."""
    meeting = Meeting.get_or_none(Meeting.id == meeting_id)
    if meeting is None:
        abort(404)
    return meeting


def may_join():
    """People of partners and vrienden, contactpersonen and professionals (and the
    projectleider), join networks themselves."""
    if current_user.has_role("projectleider"):
        return True
    ids = [*current_user.organisation_ids, current_user.professional_of]
    ids = [i for i in ids if i]
    return bool(ids) and (
        Organisation.select()
        .where(Organisation.id.in_(ids), Organisation.status.in_(JOINABLE))
        .exists()
    )


def holds(network):
    """True for the projectleider and the network's zichthouders."""
    if current_user.has_role("projectleider"):
        return True
    return network.id in NetworkMember.zichthouder_of(current_user)
