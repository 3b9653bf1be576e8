"""The domain model shared by every part of the intranet."""

from intranet.models.base import BaseModel, all_models
from intranet.models.people import (
    GROUPS,
    HOOFDTHEMAS,
    MEMBERSHIP_TYPES,
    ORGANISATION_STATUSES,
    SEATS_PER_WERKVELD,
    SECTORS,
    WERKVELDEN,
    Contact,
    Membership,
    Organisation,
    User,
)
from intranet.models.records import LoginAttempt, OutboxMessage, Setting, UsedLink

__all__ = [
    "GROUPS",
    "HOOFDTHEMAS",
    "MEMBERSHIP_TYPES",
    "ORGANISATION_STATUSES",
    "SEATS_PER_WERKVELD",
    "SECTORS",
    "WERKVELDEN",
    "BaseModel",
    "Contact",
    "LoginAttempt",
    "Membership",
    "Organisation",
    "OutboxMessage",
    "Setting",
    "UsedLink",
    "User",
    "all_models",
]
