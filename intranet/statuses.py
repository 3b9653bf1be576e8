"""How a referee's and an organisation's status change, always with an audit record.

No workflow of their own moves them; the steps of other workflows do (a referee is invited
when an application is submitted, an organisation becomes partner when admitted), and every
such change passes through here: `change_referee_status` and `change_organisation_status`
(one organisation, or many at once). The statuses are constants in `workflows/states.py`
(RefereeStatus, OrganisationStatus); reads may use them anywhere.

Becoming a partner opens a membership (`PartnerMembership`, with its route and day) and
leaving it closes the running one, in the same transaction: the membership history is kept
here and nowhere else.

The audit records: workflow "referent" (case = the referee) and "organisatie" (case = the
organisation), from the old status to the new one, with the step that caused it.
"""

from peewee import chunked

from intranet.admission.models import Referee
from intranet.db import locked
from intranet.models import Organisation, PartnerMembership
from intranet.workflows.definition import SYSTEM
from intranet.workflows.models import WRITE_BATCH, AuditEvent
from intranet.workflows.states import OrganisationStatus

PARTNER = OrganisationStatus.PARTNER

REFEREE_TRAIL = "referent"
ORGANISATION_TRAIL = "organisatie"
REFEREE_LABEL = "referent (via de link)"  # never the referee's name: anonymising replaces it


def change_referee_status(referee, status, trigger, actor=None, label=None, **fields):
    """Move a referee to `status`, saving `fields` with it (invited_at, the answer, ...).

    In the caller's transaction, under its lock of the application.
    """
    source = referee.status
    referee.status = status
    for name, value in fields.items():
        setattr(referee, name, value)
    referee.save(only=[Referee.status, *(getattr(Referee, name) for name in fields)])
    label = label or (actor.name if actor is not None else SYSTEM)
    AuditEvent.write(REFEREE_TRAIL, referee.id, source, status, trigger, actor, label)
    return referee


def change_organisation_status(
    organisations, status, trigger, actor=None, only_from=None, route=None, on=None, **fields
):
    """Move organisations to `status`, each with its audit record; returns how many moved.

    `organisations`: one Organisation as the caller loaded it (its status is the one it
    leaves; `fields` are saved with it), or ids / a query of ids, of which only those
    standing in one of `only_from` move (any status when None) and none already in
    `status`. Becoming a partner opens a membership by `route` (the trigger when None) on
    the day `on` (today); leaving closes it on that day. In the caller's transaction.
    """
    label = actor.name if actor is not None else SYSTEM
    if isinstance(organisations, Organisation):
        one, source = organisations, organisations.status
        for name, value in {**fields, "status": status}.items():
            setattr(one, name, value)
        one.save(only=[getattr(Organisation, name) for name in (*fields, "status")])
        AuditEvent.write(ORGANISATION_TRAIL, one.id, source, status, trigger, actor, label)
        _membership([(one.id, source, status)], route or trigger, on)
        return 1
    query = Organisation.select(Organisation.id, Organisation.status).where(
        Organisation.id.in_(organisations), Organisation.status != status
    )
    if only_from is not None:
        query = query.where(Organisation.status.in_(list(only_from)))
    moves = [(case_id, source, status) for case_id, source in locked(query).tuples()]
    for batch in chunked([case_id for case_id, _, _ in moves], WRITE_BATCH):
        Organisation.update(status=status).where(Organisation.id.in_(batch)).execute()
    AuditEvent.write_many(ORGANISATION_TRAIL, moves, trigger, actor, label)
    _membership(moves, route or trigger, on)
    return len(moves)


def _membership(moves, route, on):
    """Open a membership for who became partner, close it for who stopped being one."""
    joined = [case_id for case_id, source, dest in moves if dest == PARTNER and source != PARTNER]
    left = [case_id for case_id, source, dest in moves if source == PARTNER and dest != PARTNER]
    for batch in chunked(joined, WRITE_BATCH):
        PartnerMembership.open(batch, route, on)
    for batch in chunked(left, WRITE_BATCH):
        PartnerMembership.close(batch, on)
