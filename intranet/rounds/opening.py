"""Opening a round: one case per partner, their deadlines and e-mails, in bulk."""

from datetime import timedelta

from peewee import IntegrityError

from intranet import glossary, mail
from intranet.clock import today
from intranet.db import write_transaction
from intranet.deadlines import end_of
from intranet.formats import day_words
from intranet.models import Organisation
from intranet.refusals import Refused
from intranet.rounds.inviting import invite
from intranet.rounds.models import RenewalInvitation, Round, contacts_of, vriend_organisations
from intranet.statuses import change_organisation_status
from intranet.workflows.states import ContinuationState, PeriodState, RenewalState
from intranet.workflows.states import OrganisationStatus as Status


def renewal_refusal(period):
    """Why no signing round can be opened for this period now, or None."""
    if period.round("renewal") is not None:
        return "De ondertekenronde voor deze periode is al geopend."
    if period.state != PeriodState.PLANNED:
        return "Een ondertekenronde kan alleen voor een periode die nog moet beginnen."
    previous = period.previous
    if previous is None:
        return "Deze periode volgt niet op een eerdere periode: er is niemand om uit te nodigen."
    decision = previous.decision
    if decision is None or decision.state != ContinuationState.CONTINUED:
        return (
            f"De {glossary.deciding_body()} heeft (nog) niet besloten tot voortzetting van "
            f"{previous.name}."
        )
    return None


def vriend_refusal(period):
    """Why no vriend round can be started for this period now, or None."""
    if period.round("vriend") is not None:
        return "De vriendenronde voor deze periode is al gestart."
    if period.state == PeriodState.PLANNED:
        return "Een vriendenronde kan pas als de periode loopt of afgelopen is."
    return None


def deadline_refusal(day, before=None):
    """Why a deadline day is not acceptable, or None."""
    if day < today():
        return "De termijn kan niet in het verleden liggen."
    if before is not None and day >= before:
        return f"De termijn moet vóór de start van de periode liggen ({day_words(before)})."
    return None


def _check(refusal, deadline_problem):
    """Raise the first problem: with the round as a whole, else with its deadline."""
    if refusal:
        raise Refused(refusal)
    if deadline_problem:
        raise Refused(deadline_problem, field="deadline")


def check_renewal(period, deadline_day):
    """Raise Refused if this signing round cannot be opened."""
    _check(renewal_refusal(period), deadline_refusal(deadline_day, period.starts_on))


def check_vriend(period, deadline_day):
    """Raise Refused if this vriend round cannot be started."""
    _check(vriend_refusal(period), deadline_refusal(deadline_day))


def open_renewal_round(period, actor, deadline_day):
    """Invite every current partner to sign the period's convenant."""
    check_renewal(period, deadline_day)
    partners = Organisation.select(Organisation.id).where(Organisation.status == Status.PARTNER)
    return _open(period, "renewal", actor, deadline_day, partners)


def vriend_candidates(period):
    """Partners of the period that are not LEF partners and did not sign a next period."""
    members = period.member_ids()
    query = Organisation.select(Organisation.id).where(
        (Organisation.status == Status.PARTNER)
        | ((Organisation.status == Status.OUD_PARTNER) & Organisation.id.in_(members)),
        ~Organisation.lef_partner,
    )
    successor = period.successor
    renewal = successor.round("renewal") if successor else None
    if renewal is not None:
        signed = RenewalInvitation.select(RenewalInvitation.organisation).where(
            RenewalInvitation.round == renewal, RenewalInvitation.state == RenewalState.SIGNED
        )
        query = query.where(Organisation.id.not_in(signed))
    return query


def lef_continuing(period):
    """The LEF partners among the period's partners: they continue as LEF-partner."""
    return Organisation.select().where(
        Organisation.lef_partner,
        Organisation.status.in_(Status.CURRENT) | Organisation.id.in_(period.member_ids()),
    )


def open_vriend_round(period, actor, deadline_day):
    """Invite every non-LEF partner to become vriend of LEF; LEF partners continue."""
    check_vriend(period, deadline_day)
    return _open(period, "vriend", actor, deadline_day, vriend_candidates(period))


def _open(period, kind, actor, deadline_day, organisations):
    try:
        with write_transaction():
            round_ = Round.create(
                period=period, kind=kind, deadline=end_of(deadline_day), opened_by=actor
            )
            invite(round_, actor, organisations)
            if kind == "vriend" and period.state == PeriodState.ENDED:
                change_organisation_status(
                    lef_continuing(period).select(Organisation.id),
                    Status.LEF_PARTNER,
                    "lef_partner",
                    actor,
                    only_from=(Status.PARTNER, Status.OUD_PARTNER),
                    on=period.ends_on + timedelta(days=1),
                )
    except IntegrityError as error:  # opened at the same moment by someone else
        raise Refused("Deze ronde is zojuist al geopend.") from error
    return round_


def send_vriend_mailing(subject, body):
    """Mail every contactpersoon of every vriend organisation; returns how many messages."""
    ids = vriend_organisations().select(Organisation.id)
    messages = [
        (user.email, subject, "vriend_mailing", {"user": user, "organisation": o, "body": body})
        for o, user in contacts_of(ids)
    ]
    return mail.queue_many(messages)
