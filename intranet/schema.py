"""Every model of the intranet in one explicit list, for migrations and schema checks.

A new model is added here (and in a migration). `python -m playhouse.migrations DB generate
NAME intranet.schema:MODELS` writes a migration against it.
"""

from peewee import sort_models

from intranet.activities.models import Activity
from intranet.admission.models import Application, Comment, Referee, Vote
from intranet.calendar.models import CalendarFeed
from intranet.fees.invoices import BillingAddress, Invoice, InvoiceCounter
from intranet.fees.models import BudgetLine, FeeAgreement, FeeRate
from intranet.models import (
    Contact,
    FormAnswers,
    LoginAttempt,
    MailAddress,
    Membership,
    Organisation,
    OutboxMessage,
    PartnerMembership,
    Professional,
    PupilCount,
    Setting,
    UsedLink,
    User,
)
from intranet.network.jaargesprek import Jaargesprek, NetworkYear
from intranet.network.models import (
    Contribution,
    Invitation,
    Meeting,
    MeetingNetwork,
    Network,
    NetworkMember,
    ProgrammePart,
    Registration,
)
from intranet.news.models import NewsItem
from intranet.newsletters.models import Newsletter, NewsletterRecipient
from intranet.people.models import AddressChange, ChairProposal
from intranet.professionals.models import NewsletterSubscription
from intranet.reminders.models import Reminder
from intranet.rounds.models import (
    ContinuationDecision,
    ConvenantPeriod,
    PeriodMembership,
    RenewalInvitation,
    Round,
    VriendInvitation,
)
from intranet.workflows.models import AuditEvent, Deadline

MODELS = sort_models(
    [
        Organisation,
        PartnerMembership,
        PupilCount,
        User,
        Membership,
        Contact,
        OutboxMessage,
        LoginAttempt,
        UsedLink,
        Setting,
        Application,
        Referee,
        Vote,
        Comment,
        FormAnswers,
        ConvenantPeriod,
        PeriodMembership,
        ContinuationDecision,
        Round,
        RenewalInvitation,
        VriendInvitation,
        FeeRate,
        FeeAgreement,
        BudgetLine,
        BillingAddress,
        InvoiceCounter,
        Invoice,
        AuditEvent,
        Deadline,
        Reminder,
        CalendarFeed,
        Network,
        NetworkMember,
        Meeting,
        MeetingNetwork,
        Invitation,
        Contribution,
        ProgrammePart,
        Registration,
        Jaargesprek,
        NetworkYear,
        AddressChange,
        ChairProposal,
        Professional,
        NewsletterSubscription,
        NewsItem,
        Activity,
        Newsletter,
        NewsletterRecipient,
        MailAddress,
    ]
)
