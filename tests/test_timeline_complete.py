"""Every state is reached by a step on the timeline (issue 23): after the demo is seeded,
every case of every workflow has a first audit event that creates it, and its last audit
event ends in the state the case is in; a schooljaar opened by publishing a meeting or by
the jaargesprekken page is created with its event, as every case is."""

from datetime import timedelta

from peewee import fn

from intranet.clock import today
from intranet.network.jaargesprek import NetworkYear
from intranet.network.netwerkjaar_workflow import ensure_year
from intranet.schooljaar import schooljaar_of
from intranet.workflows import engine
from intranet.workflows.models import AuditEvent


def _gaps():
    """Lines 'workflow #id: state X, timeline ends at Y' for every case that disagrees."""
    gaps = []
    moved = AuditEvent.from_state.is_null() | (AuditEvent.from_state != AuditEvent.to_state)
    for workflow in engine.registered().values():
        model = workflow.model
        last = (
            AuditEvent.select(AuditEvent.case_id, fn.MAX(AuditEvent.id).alias("last"))
            .where(AuditEvent.workflow == workflow.name, moved)
            .group_by(AuditEvent.case_id)
        )
        ends = {
            event.case_id: event.to_state
            for event in AuditEvent.select().where(AuditEvent.id.in_([row.last for row in last]))
        }
        for case in model.select(model.id, model.state):
            if ends.get(case.id) != case.state:
                gaps.append(
                    f"{workflow.name} #{case.id}: state {case.state}, "
                    f"timeline ends at {ends.get(case.id)}"
                )
    return gaps


def test_every_demo_case_reached_its_state_by_a_step_on_its_timeline(demo):
    assert NetworkYear.select().exists()
    gaps = _gaps()
    assert not gaps, "\n".join(gaps[:30])


def test_a_schooljaar_is_opened_with_its_event_once(app, make_user):
    leader = make_user("projectleider")
    year = schooljaar_of(today() + timedelta(days=400))
    case = ensure_year(year, leader)
    assert ensure_year(year, leader).id == case.id
    events = list(AuditEvent.select().where(AuditEvent.workflow == "netwerkjaar"))
    assert [(e.case_id, e.from_state, e.to_state, e.actor_label) for e in events] == [
        (case.id, None, "lopend", leader.name)
    ]
