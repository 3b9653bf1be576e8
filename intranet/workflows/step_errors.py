"""The errors of the engine: a refused step changed nothing; `message` is for the user.

Each is a `Refused` (intranet/refusals.py) with the status of its meaning.
"""

from intranet.glossary import ALREADY_HANDLED
from intranet.refusals import Refused

__all__ = [
    "ALREADY_HANDLED",
    "AlreadyHandled",
    "CaseNotFound",
    "ConditionFailed",
    "NotPermitted",
    "UnknownAction",
    "WorkflowError",
]


class WorkflowError(Refused):
    """A transition or activity the engine refused; nothing changed."""

    status = 409


class CaseNotFound(WorkflowError):
    status = 404


class UnknownAction(WorkflowError):
    status = 404


class NotPermitted(WorkflowError):
    status = 403


class AlreadyHandled(WorkflowError):
    """Someone else acted first: the case is no longer where the user saw it."""

    status = 409


class ConditionFailed(WorkflowError):
    status = 422
