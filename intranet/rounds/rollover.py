"""Who is partner when a period starts or ends: the membership history and the statuses."""

from datetime import timedelta

from peewee import Value

from intranet.clock import now
from intranet.models import Organisation
from intranet.rounds.models import (
    ConvenantPeriod,
    PeriodMembership,
    RenewalInvitation,
    VriendInvitation,
)
from intranet.statuses import change_organisation_status
from intranet.workflows.states import (
    ContinuationState,
    PeriodState,
    RenewalState,
    VriendState,
)
from intranet.workflows.states import OrganisationStatus as Status


def enrol(period, organisations, via):
    """Make the organisations (a subquery of ids) partners of the period; repeats are ignored."""
    rows = Organisation.select(Value(period.id), Organisation.id, Value(via), Value(now())).where(
        Organisation.id.in_(organisations)
    )
    fields = [
        PeriodMembership.period,
        PeriodMembership.organisation,
        PeriodMembership.via,
        PeriodMembership.joined_at,
    ]
    return PeriodMembership.insert_from(rows, fields).on_conflict_ignore().execute()


def lapse(organisations, actor=None, on=None):
    """Partners (a subquery of ids) that do not continue become, in this order: vriend (who
    accepted the invitation), LEF-partner (a LEF partner), or oud-partner; their membership
    ends on the day `on` (the first day without it; today when None)."""
    vrienden = VriendInvitation.select(VriendInvitation.organisation).where(
        VriendInvitation.state == VriendState.VRIEND
    )
    moved = 0
    for status, which in (
        (Status.VRIEND, Organisation.id.in_(vrienden)),
        (Status.LEF_PARTNER, Organisation.lef_partner),
        (Status.OUD_PARTNER, None),
    ):
        those = Organisation.select(Organisation.id).where(Organisation.id.in_(organisations))
        if which is not None:
            those = those.where(which)
        moved += change_organisation_status(
            those, status, "niet_verlengd", actor, only_from=(Status.PARTNER,), on=on
        )
    return moved


def start_period(event):
    """A period starts: who signed its convenant is partner in it, the other invitees lapse.

    Without a signing round (the first period, or one continued without signatures) the
    partners of the moment carry over.
    """
    period = event.case
    renewal = period.round("renewal")
    if renewal is None:
        current = Organisation.select(Organisation.id).where(Organisation.status == Status.PARTNER)
        enrol(period, current, via="start")
        return
    invited = RenewalInvitation.select(RenewalInvitation.organisation).where(
        RenewalInvitation.round == renewal
    )
    signed = invited.where(RenewalInvitation.state == RenewalState.SIGNED)
    enrol(period, signed, via="ondertekend")
    change_organisation_status(signed, Status.PARTNER, "verlengd", event.actor, on=period.starts_on)
    lapse(
        invited.where(RenewalInvitation.state != RenewalState.SIGNED),
        event.actor,
        on=period.starts_on,
    )


def end_period(event):
    """A period ends: if nobody continues it (beëindiging, or a vriend round), partners lapse.

    When a next period has a signing round, its start decides instead.
    """
    period = event.case
    successor = period.successor
    if successor is not None and successor.round("renewal") is not None:
        return
    decision = period.decision
    ended = decision is not None and decision.state == ContinuationState.ENDED
    if ended or period.round("vriend") is not None:
        partners = Organisation.select(Organisation.id).where(Organisation.status == Status.PARTNER)
        lapse(partners, event.actor, on=period.ends_on + timedelta(days=1))


def join_current_period(organisation, via="toegetreden"):
    """Record a partner admitted during a running period as partner of that period."""
    period = (
        ConvenantPeriod.select()
        .where(ConvenantPeriod.state == PeriodState.RUNNING)
        .order_by(ConvenantPeriod.starts_on.desc())
        .first()
    )
    if period is not None:
        enrol(
            period, Organisation.select(Organisation.id).where(Organisation.id == organisation), via
        )
    return period
