"""The domain model shared by every part of the intranet."""

from intranet.glossary import MEMBERSHIP_TYPES, ORGANISATION_STATUSES, SECTORS
from intranet.models.base import BaseModel
from intranet.models.people import (
    Contact,
    Membership,
    Organisation,
    User,
)
from intranet.models.records import (
    MAIL_STATUSES,
    LoginAttempt,
    OutboxMessage,
    Setting,
    UsedLink,
)

__all__ = [
    "MAIL_STATUSES",
    "MEMBERSHIP_TYPES",
    "ORGANISATION_STATUSES",
    "SECTORS",
    "BaseModel",
    "Contact",
    "LoginAttempt",
    "Membership",
    "Organisation",
    "OutboxMessage",
    "Setting",
    "UsedLink",
    "User",
]
