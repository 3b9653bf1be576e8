"""Workflow diagrams drawn by the transitions diagrams extension (Graphviz), as SVG."""

import re
from functools import cache, lru_cache

from transitions.extensions import GraphMachine


class _LeftToRight(GraphMachine):
    """Drawn left to right in a sans-serif face, as people read a process (on a phone the
    page links to it instead of showing it)."""

    machine_attributes = {**GraphMachine.machine_attributes, "rankdir": "LR"}
    style_attributes = {
        kind: {name: {**style, "fontname": "sans-serif"} for name, style in styles.items()}
        for kind, styles in GraphMachine.style_attributes.items()
    }


class _Marker:
    """A stand-in case whose only job is to stand in the highlighted state."""


ANYWHERE = 3  # a step from more states than this is drawn nowhere


def _simplified(workflow):
    """One arrow per pair of states: steps between the same two states share it, their
    labels joined (the two ways to submit, the three ways a vote ends, ...). A step possible
    from almost anywhere (withdrawing) is left out: its arrows would hide the rest."""
    arrows = {}
    for transition in workflow.transitions:
        if len(transition.sources) > ANYWHERE:
            continue
        for source in transition.sources:
            labels = arrows.setdefault((source, transition.dest), [])
            if transition.label not in labels:
                labels.append(transition.label)
    return [
        {
            "trigger": " / ".join(labels),
            "source": workflow.state_label(source),
            "dest": workflow.state_label(dest),
        }
        for (source, dest), labels in arrows.items()
    ]


@cache
def _graph_machine(workflow):
    return _LeftToRight(
        model=None,
        states=[workflow.state_label(state) for state in workflow.states],
        transitions=_simplified(workflow),
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
