"""The workflow engine: one transaction per step, audited, role-guarded, stale-safe, timed."""

from datetime import timedelta

import pytest

from intranet.admission.models import Application
from intranet.admission.workflow import WORKFLOW as admission
from intranet.models import OutboxMessage
from intranet.workflow_registry import BY_NAME as REGISTRY
from intranet.workflows import engine
from intranet.workflows.models import AuditEvent, Deadline, ImmutableError
from intranet.workflows.timers import last_tick
from tests.support import factories
from tests.support.query_count import counted_queries
from tests.support.world import snapshot


def test_one_shared_machine_per_workflow():
    assert admission.machine.models == []  # no case is ever attached to it
    assert REGISTRY["toetreding"].machine is admission.machine


def test_firing_writes_state_and_audit_event_together(applicant):
    case = factories.Case(applicant, route="basis").get()
    event = engine.fire(admission, case.id, "indienen", applicant, expected_state="concept")
    assert Application.get_by_id(case.id).state == "bij_projectleider" == event.dest
    last = list(AuditEvent.for_case("toetreding", case.id))[-1]
    assert (last.from_state, last.to_state, last.trigger, last.actor_id) == (
        "concept",
        "bij_projectleider",
        "indienen",
        applicant.id,
    )


def test_branch_is_chosen_by_route(applicant, make_user):
    extended = factories.Case(applicant, route="uitgebreid").get()
    engine.fire(admission, extended.id, "indienen", applicant)
    assert Application.get_by_id(extended.id).state == "referenties"


def test_stale_form_is_already_handled_and_changes_nothing(applicant, leader):
    case = factories.Case(applicant, route="basis").get()
    engine.fire(admission, case.id, "indienen", applicant)
    events = AuditEvent.select().count()
    with pytest.raises(engine.AlreadyHandled) as error:
        engine.fire(admission, case.id, "intrekken", applicant, expected_state="concept")
    assert "al afgehandeld" in error.value.message
    assert Application.get_by_id(case.id).state == "bij_projectleider"
    assert AuditEvent.select().count() == events


def test_wrong_role_is_refused_with_reason(applicant, make_user):
    case = factories.Case(applicant, route="basis").get()
    engine.fire(admission, case.id, "indienen", applicant)
    with pytest.raises(engine.NotPermitted) as error:
        engine.fire(admission, case.id, "bevestigen", make_user("projectgroep"))
    assert "projectleider" in error.value.message
    assert Application.get_by_id(case.id).state == "bij_projectleider"


def test_unknown_trigger_is_refused(applicant):
    case = factories.Case(applicant).get()
    with pytest.raises(engine.UnknownAction):
        engine.fire(admission, case.id, "toveren", applicant)


def test_forged_case_id_is_not_found(applicant):
    with pytest.raises(engine.CaseNotFound):
        engine.fire(admission, 999_999, "indienen", applicant)


def test_unmet_condition_gives_its_reason(applicant):
    case = factories.Case(applicant, route="basis", backup_name="").get()
    with pytest.raises(engine.ConditionFailed) as error:
        engine.fire(admission, case.id, "indienen", applicant)
    assert "niet compleet" in error.value.message


def test_required_comment_is_enforced(applicant, leader):
    case = factories.Case(applicant, route="basis").get()
    engine.fire(admission, case.id, "indienen", applicant)
    with pytest.raises(engine.ConditionFailed):
        engine.fire(admission, case.id, "afwijzen", leader, comment="  ")


def test_crash_after_state_write_leaves_case_as_before(applicant, monkeypatch):
    case = factories.Case(applicant, route="basis").get()

    def crash(event):
        raise RuntimeError("disk full")

    monkeypatch.setitem(admission.on_enter, "bij_projectleider", [crash])
    events, mails = AuditEvent.select().count(), OutboxMessage.select().count()
    with pytest.raises(RuntimeError):
        engine.fire(admission, case.id, "indienen", applicant)
    assert Application.get_by_id(case.id).state == "concept"
    assert (AuditEvent.select().count(), OutboxMessage.select().count()) == (events, mails)


def test_actions_list_allowed_steps_and_why_not(applicant, leader):
    case = factories.Case(applicant, route="basis").get()
    engine.fire(admission, case.id, "indienen", applicant)
    case = Application.get_by_id(case.id)
    for_leader = {a.transition.trigger: a for a in engine.actions_for(admission, case, leader)}
    assert for_leader["bevestigen"].allowed and "voordragen" not in for_leader
    for_applicant = {
        a.transition.trigger: a for a in engine.actions_for(admission, case, applicant)
    }
    assert for_applicant["intrekken"].allowed
    assert not for_applicant["bevestigen"].allowed
    assert "projectleider" in for_applicant["bevestigen"].reason
    assert "meerderheid_voor" not in for_leader  # steps of the system are not buttons


def test_audit_events_cannot_be_changed_or_deleted(applicant):
    case = factories.Case(applicant).get()
    event = AuditEvent.for_case("toetreding", case.id)[0]
    event.comment = "rewritten"
    with pytest.raises(ImmutableError):
        event.save()
    with pytest.raises(ImmutableError):
        event.delete_instance()


def test_replaying_the_audit_trail_reproduces_the_state(applicant, leader):
    case = factories.Case(applicant).nominated(leader).get()
    state = None
    for event in AuditEvent.for_case("toetreding", case.id):
        assert event.from_state == state
        state = event.to_state
    assert state == Application.get_by_id(case.id).state == "stemming"


def test_deadline_fires_once_however_often_tick_runs(applicant, leader, runner):
    case = factories.Case(applicant).nominated(leader).get()
    deadline = Deadline.get(Deadline.action == "geen_meerderheid")
    moment = (deadline.due_at + timedelta(minutes=1)).isoformat(timespec="seconds")
    first = runner.invoke(args=["workflows", "tick", "--now", moment])
    second = runner.invoke(args=["workflows", "tick", "--now", moment])
    # two due deadlines: the reminder to members who have not voted, and the vote's close
    assert "uitgevoerd: 2" in first.output and "uitgevoerd: 0" in second.output
    assert Application.get_by_id(case.id).state == "regiegroep"
    assert AuditEvent.select().where(AuditEvent.trigger == "geen_meerderheid").count() == 1


def test_deadline_of_a_case_that_moved_on_lapses(applicant, leader):
    from intranet.workflows.timers import tick

    case = factories.Case(applicant).nominated(leader).get()
    engine.fire(admission, case.id, "escaleren", leader, comment="twijfel")
    due = Deadline.select().order_by(Deadline.due_at.desc()).first().due_at
    assert tick(due)["uitgevoerd"] == 0
    assert AuditEvent.select().where(AuditEvent.trigger == "geen_meerderheid").count() == 0


def test_tick_records_its_run_and_the_warning_goes(client, leader, login, runner):
    login(leader)
    assert "nog nooit gedraaid" in client.get("/beheer/outbox").get_data(as_text=True)
    runner.invoke(args=["workflows", "tick"])
    assert "workflows tick" not in client.get("/beheer/outbox").get_data(as_text=True)


def test_tick_with_nothing_due_writes_nothing_to_the_database(applicant, leader, runner):
    factories.Case(applicant).nominated(leader).get()  # deadlines, but none due yet
    OutboxMessage.update(status="sent").execute()
    before = snapshot()
    with counted_queries() as statements:
        result = runner.invoke(args=["workflows", "tick"])
    assert result.exit_code == 0 and "uitgevoerd: 0" in result.output
    assert snapshot() == before
    assert not [sql for sql in statements if sql.lstrip().upper().startswith("INSERT")]
    assert last_tick() is not None  # noted beside the database, for /healthz


def test_check_lists_cases_in_undeclared_states(applicant, runner):
    case = factories.Case(applicant).get()
    Application.update(state="verdwenen").where(Application.id == case.id).execute()
    result = runner.invoke(args=["workflows", "check"])
    assert result.exit_code == 1 and "toetreding: verdwenen (1 cases)" in result.output
    upgrade = runner.invoke(args=["db", "upgrade"])
    assert upgrade.exit_code != 0 and "no longer declares" in upgrade.output


def test_diagram_highlights_the_current_state(client):
    response = client.get("/workflow/toetreding/diagram.svg?state=stemming")
    svg = response.get_data(as_text=True)
    assert response.mimetype == "image/svg+xml" and svg.startswith("<svg")
    node = svg.split("<title>Stemming projectgroep</title>")[1].split("</g>")[0]
    assert 'fill="darksalmon"' in node  # the active state's colour
    assert "<script" not in svg and "<style" not in svg


def test_diagram_of_unknown_workflow_or_state_is_404(client):
    assert client.get("/workflow/bestaat-niet/diagram.svg").status_code == 404
    assert client.get("/workflow/toetreding/diagram.svg?state=x").status_code == 404


def test_a_note_goes_on_the_timeline_without_changing_state(applicant):
    case = factories.Case(applicant).get()
    engine.note(admission, case, "referent_vervangen", applicant, "Referent A door B")
    last = list(AuditEvent.for_case("toetreding", case.id))[-1]
    assert (last.from_state, last.to_state, last.comment) == (
        "concept",
        "concept",
        "Referent A door B",
    )
    assert Application.get_by_id(case.id).state == "concept"


def test_submitting_tells_the_applicant_it_arrived(applicant):
    case = factories.Case(applicant, route="basis").get()
    engine.fire(admission, case.id, "indienen", applicant)
    received = OutboxMessage.get(OutboxMessage.subject == "Uw aanmelding is ontvangen")
    assert received.to == applicant.email and "controleert" in received.body
