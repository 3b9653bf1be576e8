"""The domain model shared by every part of the intranet."""

from intranet.glossary import GROUPS, MEMBERSHIP_TYPES, ORGANISATION_STATUSES, SECTORS
from intranet.models.base import BaseModel
from intranet.models.partnership import MEMBERSHIP_ROUTES, PartnerMembership, PupilCount
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
    FormAnswers,
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
    "MEMBERSHIP_ROUTES",
    "MEMBERSHIP_TYPES",
    "ORGANISATION_STATUSES",
    "EDUCATION_WERKVELDEN",
    "SEATS_PER_WERKVELD",
    "SECTORS",
    "WERKVELDEN",
    "BaseModel",
    "Contact",
    "FormAnswers",
    "LoginAttempt",
    "MailAddress",
    "Membership",
    "Organisation",
    "PartnerMembership",
    "PupilCount",
    "OutboxMessage",
    "Professional",
    "Setting",
    "UsedLink",
    "User",
]
