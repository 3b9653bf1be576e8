"""Workflow diagrams drawn by the transitions diagrams extension (Graphviz), as SVG."""

import re
from functools import cache, lru_cache

from transitions.extensions import GraphMachine


class _TopDown(GraphMachine):
    """Drawn top to bottom in a sans-serif face: it fits a phone and matches the pages."""

    machine_attributes = {**GraphMachine.machine_attributes, "rankdir": "TB"}
    style_attributes = {
        kind: {name: {**style, "fontname": "sans-serif"} for name, style in styles.items()}
        for kind, styles in GraphMachine.style_attributes.items()
    }


class _Marker:
    """A stand-in case whose only job is to stand in the highlighted state."""


@cache
def _graph_machine(workflow):
    return _TopDown(
        model=None,
        states=[workflow.state_label(state) for state in workflow.states],
        transitions=[
            {
                "trigger": transition.label,
                "source": [workflow.state_label(s) for s in transition.sources],
                "dest": workflow.state_label(transition.dest),
            }
            for transition in workflow.transitions
        ],
        initial=workflow.state_label(workflow.initial),
        auto_transitions=False,
        graph_engine="graphviz",
        title=workflow.label,
    )


@lru_cache(maxsize=256)
def svg(workflow, state=None):
    """The workflow drawn as SVG, with the state highlighted (drawn once, then cached)."""
    machine = _graph_machine(workflow)
    marker = _Marker()
    machine.add_model(marker, initial=workflow.state_label(state or workflow.initial))
    try:
        drawing = marker.get_graph().pipe(format="svg", encoding="utf-8")
    finally:
        machine.remove_model(marker)
    # Keep only the <svg> element: no XML prolog, no comments.
    drawing = drawing[drawing.index("<svg") :]
    return re.sub(r"<!--.*?-->", "", drawing, flags=re.S)
