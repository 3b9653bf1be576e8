"""Tasks from the network: signatures and invitations due, achtervang missing, the convenant,
partners' activities to review and those sent back.

Each kind is a Source: the query of what waits (a row per task) and the task a row is.
"""

from flask import url_for
from peewee import SQL, Select, fn

from intranet import glossary
from intranet.activities.models import Activity
from intranet.db import db
from intranet.formats import day_numbers
from intranet.glossary import TASK_KINDS as KINDS
from intranet.models import Contact, Organisation
from intranet.rounds.models import (
    ContinuationDecision,
    ConvenantPeriod,
    RenewalInvitation,
    Round,
    VriendInvitation,
)
from intranet.tasks.task import Source, Task
from intranet.workflows.states import ActivityState, ContinuationState, RenewalState


def _missing_achtervang(user):
    """One row, with their number, while current partners lack an achtervang (else none)."""
    counted = Organisation.without_achtervang().order_by().select(fn.COUNT(SQL("1")).alias("n"))
    found = counted.alias("missing")
    return Select([found], [found.c.n]).where(found.c.n > 0).bind(db).tuples()


def _achtervang_task(row, user):
    (count,) = row
    return Task(
        KINDS["achtervang"],
        f"{count} partner{'s' if count != 1 else ''} zonder achtervang",
        url_for("dashboard.index") + "#achtervang-title",
        detail="Vraag hun contactpersonen een collega als achtervang uit te nodigen.",
        uid="zonder-achtervang",
    )


def _continuations(user):
    """Convenant periods whose continuation the regiegroep must decide now."""
    return (
        ContinuationDecision.select(ContinuationDecision, ConvenantPeriod)
        .join(ConvenantPeriod)
        .where(ContinuationDecision.state == ContinuationState.TO_DECIDE)
    )


def _late(decision):
    """The task's note when the decision is past its deadline (convenant art. 5), else ''."""
    if decision.late:
        return f"Te laat: het besluit viel uiterlijk op {day_numbers(decision.last_day)}."
    return ""


def _continuation_task(decision, user):
    """The regiegroep decides; the projectleider sees that it does (on its agenda, in time)."""
    if user.has_role("regiegroep"):
        title = f"Besluit over voortzetting of beëindiging van {decision.period.name}"
        detail = _late(decision)
    else:
        body = glossary.deciding_body()
        title = f"Zorg dat de {body} besluit over voortzetting van {decision.period.name}"
        detail = _late(decision) or f"Zet het besluit op de agenda van de {body}."
    return Task(
        KINDS["besluiten"],
        title,
        url_for("rounds.decision", case_id=decision.id),
        decision.deadline,
        detail=detail,
        uid=f"voortzetting-{decision.id}",
    )


def _invitations(model):
    """The unanswered invitations of this kind to the user's organisations."""

    def rows(user):
        return (
            model.select(model, Organisation, Round)
            .join(Organisation)
            .switch(model)
            .join(Round)
            .where(
                model.state == RenewalState.INVITED,
                model.organisation.in_(list(user.organisation_ids)),
            )
            .order_by(Round.deadline)
        )

    return rows


def _invitation_task(kind, title, pinned):
    def task(invitation, user):
        return Task(
            kind,
            title.format(name=invitation.organisation.name),
            url_for(invitation.endpoint, case_id=invitation.id),
            invitation.round.deadline,
            pinned=pinned,
            uid=f"{invitation.endpoint}-{invitation.id}",
        )

    return task


def _own_without_achtervang(user):
    """The user's organisations that have no achtervang."""
    backup = Contact.select().where(
        Contact.organisation == Organisation.id, Contact.kind == "achtervang"
    )
    return Organisation.select(Organisation.id, Organisation.name).where(
        Organisation.id.in_(list(user.organisation_ids)), ~fn.EXISTS(backup)
    )


def _own_achtervang_task(organisation, user):
    return Task(
        KINDS["achtervang"],
        f"{organisation.name} heeft geen achtervang",
        url_for("partners.show", organisation_id=organisation.id) + "#contactpersonen",
        detail="Nodig een collega uit die u vervangt als u er niet bent.",
        uid=f"achtervang-{organisation.id}",
    )


partners_without_achtervang = Source({"projectleider"}, _missing_achtervang, _achtervang_task)
continuation_to_decide = Source({"regiegroep", "projectleider"}, _continuations, _continuation_task)
signatures_due = Source(
    {"contactpersoon"},
    _invitations(RenewalInvitation),
    _invitation_task(KINDS["ondertekenen"], "Teken het nieuwe convenant voor {name}", True),
)
vriend_invitations_due = Source(
    {"contactpersoon"},
    _invitations(VriendInvitation),
    _invitation_task(KINDS["uitnodiging"], "Laat weten of {name} vriend van LEF wordt", False),
)
own_organisations_without_achtervang = Source(
    {"contactpersoon"}, _own_without_achtervang, _own_achtervang_task
)


def _activities(user):
    """Activities that wait: to review for the projectleider, to change for a contactpersoon."""
    return Activity.waiting_for(user.has_role("projectleider"), user.organisation_ids)


def _activity_task(activity, user):
    url = url_for("activities.show", activity_id=activity.id)
    if activity.state == ActivityState.SUBMITTED:
        title = f"Beoordeel de activiteit ‘{activity.title}’ van {activity.organisation.name}"
        detail = "Publiceer haar, of stuur haar terug met een reden."
        return Task(KINDS["beoordelen"], title, url, detail=detail, uid=f"activiteit-{activity.id}")
    return Task(
        KINDS["aanvullen"],
        f"Pas de activiteit ‘{activity.title}’ aan",
        url,
        detail="De projectleider stuurde haar terug; de reden staat bij de activiteit.",
        uid=f"activiteit-terug-{activity.id}",
    )


activities_waiting = Source({"projectleider", "contactpersoon"}, _activities, _activity_task)
