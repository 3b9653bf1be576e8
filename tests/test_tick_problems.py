"""A deadline whose workflow the code does not know is an error tick reports, never 'vervallen'."""

from datetime import timedelta

from intranet.clock import now
from intranet.workflows import timers
from intranet.workflows.models import Deadline


def test_a_deadline_of_an_unknown_workflow_is_an_error_that_tick_reports(runner):
    due = now() - timedelta(minutes=1)
    stray = Deadline.create(workflow="verdwenen", case_id=1, action="sluiten", due_at=due)
    assert timers.problems() == ["1 open termijn(en) van onbekende workflow 'verdwenen'"]
    result = runner.invoke(args=["workflows", "tick"])
    assert result.exit_code == 1
    assert "onbekende workflow: 1" in result.output
    assert "error: 1 open termijn(en) van onbekende workflow 'verdwenen'" in result.output
    stored = Deadline.get_by_id(stray.id)
    assert stored.fired_at is None and stored.outcome == ""  # never silently 'vervallen'
    assert timers.last_tick() is not None  # tick still did its other work


def test_without_stray_deadlines_there_is_no_problem(runner):
    assert timers.problems() == []
    assert runner.invoke(args=["workflows", "tick"]).exit_code == 0
