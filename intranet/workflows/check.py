"""Cases whose stored state their workflow no longer declares."""

from peewee import fn

from intranet.workflows import engine


def stray_cases():
    """Lines 'workflow: state (n cases)' for every undeclared state in use."""
    lines = []
    for workflow in engine.registered().values():
        model = workflow.model
        if not model.table_exists():
            continue
        rows = (
            model.select(model.state, fn.COUNT(model.id))
            .where(model.state.not_in(list(workflow.states)))
            .group_by(model.state)
            .tuples()
        )
        lines.extend(f"{workflow.name}: {state} ({count} cases)" for state, count in rows)
    return lines
