"""Random sequences of actions by random people on random cases keep the engine's promises."""

import contextlib
from datetime import timedelta

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from intranet.admission.models import ROUTES, Application, Referee
from intranet.admission.referees.answers import record_reference
from intranet.admission.workflow import WORKFLOW as admission
from intranet.clock import now
from intranet.schema import MODELS
from intranet.workflows import engine, timers
from intranet.workflows.models import AuditEvent, Deadline
from tests.support import factories
from tests.support.factories import cast_vote

TRIGGERS = sorted(admission.triggers)


def _snapshot():
    return (
        [(a.id, a.state) for a in Application.select().order_by(Application.id)],
        AuditEvent.select().count(),
    )


class AdmissionMachine(RuleBasedStateMachine):
    """The admission workflow under random use."""

    make_user = None  # set by the test

    @initialize()
    def people(self):
        for model in reversed(MODELS):
            model.delete().execute()
        make = type(self).make_user
        self.leader = make("projectleider")
        self.members = [make("projectgroep") for _ in range(5)]
        self.chair = make("regiegroep", voorzitter=True)
        self.applicants = [make() for _ in range(3)]
        self.people = [self.leader, self.chair, *self.members, *self.applicants]
        self.clock = now()

    @rule(who=st.integers(0, 2), route=st.sampled_from(sorted(ROUTES)))
    def apply(self, who, route):
        applicant = self.applicants[who]
        factories.Case(applicant, route=route, name=f"Org {Application.select().count()}").get()

    @rule(
        case=st.integers(1, 6),
        trigger=st.sampled_from(TRIGGERS),
        who=st.integers(0, 10),
        comment=st.sampled_from(["", "omdat het kan", "  "]),
    )
    def fire(self, case, trigger, who, comment):
        actor = self.people[who % len(self.people)]
        before = _snapshot()
        try:
            engine.fire(admission, case, trigger, actor, comment=comment)
        except engine.WorkflowError:
            assert _snapshot() == before, "a refused step changed something"

    @rule(
        case=st.integers(1, 6),
        choice=st.sampled_from(["voor", "tegen", "twijfel"]),
        who=st.integers(0, 6),
    )
    def vote(self, case, choice, who):
        voter = ([*self.members, self.leader, self.applicants[0]])[who]
        before = _snapshot()
        try:
            cast_vote(case, voter, choice)
        except engine.WorkflowError:
            assert _snapshot() == before

    @rule(referee=st.integers(1, 12), recommendation=st.sampled_from(["positief", "negatief"]))
    def reference(self, referee, recommendation):
        if Referee.get_or_none(Referee.id == referee) is None:
            return
        with contextlib.suppress(engine.WorkflowError):
            record_reference(referee, recommendation, "tekst")

    @rule(days=st.integers(1, 20))
    def time_passes(self, days):
        self.clock += timedelta(days=days)
        timers.tick(self.clock)

    @invariant()
    def every_state_is_declared(self):
        for (state,) in Application.select(Application.state).tuples():
            assert state in admission.states

    @invariant()
    def the_audit_trail_replays_to_the_state(self):
        states = {}
        for event in AuditEvent.select().order_by(AuditEvent.id):
            assert states.get(event.case_id) == event.from_state
            states[event.case_id] = event.to_state
        for case_id, state in Application.select(Application.id, Application.state).tuples():
            assert states[case_id] == state

    @invariant()
    def deadlines_fire_at_most_once(self):
        fired = AuditEvent.select().where(
            AuditEvent.trigger == "geen_meerderheid", AuditEvent.actor.is_null()
        )
        per_case = [event.case_id for event in fired]
        assert len(per_case) == len(set(per_case))
        assert (
            Deadline.select().where(Deadline.fired_at.is_null(), Deadline.outcome != "").count()
            == 0
        )


def test_admission_workflow_keeps_its_invariants(app, make_user):
    AdmissionMachine.make_user = staticmethod(make_user)
    AdmissionMachine.TestCase.settings = settings(
        max_examples=15,
        stateful_step_count=25,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    )
    runner = AdmissionMachine.TestCase("runTest")
    runner.runTest()


pytestmark = pytest.mark.filterwarnings("ignore::hypothesis.errors.NonInteractiveExampleWarning")
