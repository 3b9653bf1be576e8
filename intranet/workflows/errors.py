"""The errors of the engine: a refused step changed nothing; `message` is for the user."""

from intranet.glossary import ALREADY_HANDLED

__all__ = [
    "ALREADY_HANDLED",
    "AlreadyHandled",
    "CaseNotFound",
    "ConditionFailed",
    "NotPermitted",
    "UnknownAction",
    "WorkflowError",
]


class WorkflowError(Exception):
    """A transition that was refused; nothing changed. `message` is for the user."""

    status = 409

    def __init__(self, message):
        super().__init__(message)
        self.message = message


class CaseNotFound(WorkflowError):
    status = 404


class UnknownAction(WorkflowError):
    status = 400


class NotPermitted(WorkflowError):
    status = 403


class AlreadyHandled(WorkflowError):
    """Someone else acted first: the case is no longer where the user saw it."""


class ConditionFailed(WorkflowError):
    status = 422
