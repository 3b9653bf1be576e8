"""Tasks from the network: signatures and invitations due, achtervang missing, the convenant."""

from flask import url_for
from peewee import fn

from intranet.glossary import TASK_KINDS as KINDS
from intranet.models import Contact, Organisation
from intranet.rounds.models import (
    ContinuationDecision,
    ConvenantPeriod,
    RenewalInvitation,
    Round,
    VriendInvitation,
)
from intranet.tasks.task import Task
from intranet.workflows.states import ContinuationState, RenewalState


def partners_without_achtervang(user):
    """One task for the projectleider while partners lack an achtervang."""
    count = Organisation.without_achtervang().count()
    if not count:
        return []
    return [
        Task(
            KINDS["achtervang"],
            f"{count} partner{'s' if count != 1 else ''} zonder achtervang",
            url_for("dashboard.index") + "#achtervang-title",
            detail="Vraag hun contactpersonen een collega als achtervang uit te nodigen.",
            uid="zonder-achtervang",
        )
    ]


def continuation_to_decide(user):
    """Convenant periods whose continuation the regiegroep must decide now."""
    rows = (
        ContinuationDecision.select(ContinuationDecision, ConvenantPeriod)
        .join(ConvenantPeriod)
        .where(ContinuationDecision.state == ContinuationState.TO_DECIDE)
    )
    return [
        Task(
            KINDS["besluiten"],
            f"Besluit over voortzetting of beëindiging van {d.period.name}",
            url_for("rounds.decision", case_id=d.id),
            d.due_at,
            uid=f"voortzetting-{d.id}",
        )
        for d in rows
    ]


def _invitations(model, user, kind, title, pinned):
    rows = (
        model.select(model, Organisation, Round)
        .join(Organisation)
        .switch(model)
        .join(Round)
        .where(
            model.state == RenewalState.INVITED, model.organisation.in_(list(user.organisation_ids))
        )
        .order_by(Round.deadline)
    )
    return [
        Task(
            kind,
            title.format(name=i.organisation.name),
            url_for(model.endpoint, case_id=i.id),
            i.round.deadline,
            pinned=pinned,
            uid=f"{model.endpoint}-{i.id}",
        )
        for i in rows
    ]


def signatures_due(user):
    """Renewal invitations of the user's organisations that are not yet answered."""
    return _invitations(
        RenewalInvitation,
        user,
        KINDS["ondertekenen"],
        "Teken het nieuwe convenant voor {name}",
        True,
    )


def vriend_invitations_due(user):
    """Vriend invitations of the user's organisations that are not yet answered."""
    return _invitations(
        VriendInvitation,
        user,
        KINDS["uitnodiging"],
        "Laat weten of {name} vriend van LEF wordt",
        False,
    )


def own_organisations_without_achtervang(user):
    """The user's organisations that have no achtervang."""
    backup = Contact.select().where(
        Contact.organisation == Organisation.id, Contact.kind == "achtervang"
    )
    rows = Organisation.select(Organisation.id, Organisation.name).where(
        Organisation.id.in_(list(user.organisation_ids)), ~fn.EXISTS(backup)
    )
    return [
        Task(
            KINDS["achtervang"],
            f"{o.name} heeft geen achtervang",
            url_for("partners.show", organisation_id=o.id) + "#contactpersonen",
            detail="Nodig een collega uit die u vervangt als u er niet bent.",
            uid=f"achtervang-{o.id}",
        )
        for o in rows
    ]
