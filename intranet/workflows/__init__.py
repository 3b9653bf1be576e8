"""The workflow engine and the three workflows that run on it.

Each workflow module declares its process as data (see definition.py); the engine
(engine.py) fires transitions in one transaction with their audit event; timers.py fires
deadlines; diagram.py draws a workflow from its definition.
"""

REGISTRY = {}


def register(workflow):
    """Make a workflow known by its name (for routes, tick and checks)."""
    REGISTRY[workflow.name] = workflow
    return workflow


def get(name):
    """The workflow of that name, or None."""
    return REGISTRY.get(name)
