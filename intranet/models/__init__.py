"""The domain model shared by every part of the intranet."""

from intranet.glossary import GROUPS, MEMBERSHIP_TYPES, ORGANISATION_STATUSES, SECTORS
from intranet.models.base import BaseModel
from intranet.models.people import (
    EDUCATION_WERKVELDEN,
    HOOFDTHEMAS,
    SEATS_PER_WERKVELD,
    WERKVELDEN,
    Contact,
    Membership,
    Organisation,
    Professional,
    User,
)
from intranet.models.records import (
    MAIL_STATUSES,
    LoginAttempt,
    MailAddress,
    OutboxMessage,
    Setting,
    UsedLink,
)

__all__ = [
    "GROUPS",
    "HOOFDTHEMAS",
    "MAIL_STATUSES",
    "MEMBERSHIP_TYPES",
    "ORGANISATION_STATUSES",
    "EDUCATION_WERKVELDEN",
    "SEATS_PER_WERKVELD",
    "SECTORS",
    "WERKVELDEN",
    "BaseModel",
    "Contact",
    "LoginAttempt",
    "MailAddress",
    "Membership",
    "Organisation",
    "OutboxMessage",
    "Professional",
    "Setting",
    "UsedLink",
    "User",
]
