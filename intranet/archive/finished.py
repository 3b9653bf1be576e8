"""The archive's query: finished applications with the moment they finished (one query)."""

from peewee import fn

from intranet.admission.models import Application
from intranet.models import Organisation
from intranet.workflows.models import AuditEvent
from intranet.workflows.states import AdmissionState as S

FINISHED = (S.ADMITTED, S.REJECTED, S.WITHDRAWN)


def archived(search="", state=None):
    """Finished applications (of one outcome), whose organisation's name contains the search,
    each with `finished_at` (its last step), most recently finished first."""
    finished_at = fn.MAX(AuditEvent.at)
    query = (
        Application.select(
            Application.id,
            Application.state,
            Application.route,
            Application.submitted_at,
            Organisation.id,
            Organisation.name,
            Organisation.municipality,
            finished_at.alias("finished_at"),
        )
        .join(Organisation)
        .switch(Application)
        .join(
            AuditEvent,
            on=(AuditEvent.case_id == Application.id) & (AuditEvent.workflow == "toetreding"),
        )
        .where(Application.state.in_([state] if state else list(FINISHED)))
        .group_by(Application.id, Organisation.id)
        .order_by(finished_at.desc(), Application.id.desc())
    )
    if search:
        query = query.where(Organisation.name.contains(search))
    return query
