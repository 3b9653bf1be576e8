"""The states of the workflows as constants: a state name is never a bare string elsewhere.

They sit beneath models and workflows alike (a model's queries and its workflow both need
them); each workflow module gives its states their labels and steps. Templates know them as
`AdmissionState`, `PeriodState`, `ContinuationState`, `RenewalState`,
`VriendState` and `InvoiceState`. The statuses of referees and organisations, which no
workflow of their own moves, sit here too; `intranet/statuses.py` changes them.
"""


class AdmissionState:
    """Workflow 1, toetreding (`intranet/admission/workflow.py`)."""

    CONCEPT = "concept"
    REFERENCES = "referenties"
    WITH_LEADER = "bij_projectleider"
    QUESTION = "aanvulling"
    VOTE = "stemming"
    REGIEGROEP = "regiegroep"
    ADMITTED = "toegelaten"
    REJECTED = "afgewezen"
    WITHDRAWN = "ingetrokken"

    OPEN = (CONCEPT, REFERENCES, WITH_LEADER, QUESTION, VOTE, REGIEGROEP)
    DECIDED = (ADMITTED, REJECTED)


class MeetingState:
    """A meeting of the network (`intranet/network/meeting_workflow.py`)."""

    CONCEPT = "concept"
    PUBLISHED = "gepubliceerd"
    CALLED_OFF = "afgelast"


class ContributionState:
    """A proposed contribution to a programme (`intranet/network/contribution_workflow.py`)."""

    SUBMITTED = "ingediend"
    MORE_INFORMATION = "meer_informatie"
    ACCEPTED = "geaccepteerd"
    REJECTED = "afgewezen"


class ActivityState:
    """A partner's activity or educational offer, reviewed by the projectleider
    (`intranet/activities/reviewing.py`); offline for good once taken off the public pages."""

    SUBMITTED = "ingediend"
    RETURNED = "teruggestuurd"
    PUBLISHED = "gepubliceerd"
    OFFLINE = "offline"


class PeriodState:
    """A convenant period by the calendar (`intranet/rounds/period_workflow.py`)."""

    PLANNED = "gepland"
    RUNNING = "lopend"
    ENDED = "afgelopen"


class ContinuationState:
    """Voortzetting or beëindiging of a period (`intranet/rounds/continuation_workflow.py`)."""

    PLANNED = "gepland"
    TO_DECIDE = "te_besluiten"
    CONTINUED = "voortzetting"
    ENDED = "beeindiging"


class RenewalState:
    """A partner's answer to the next period's convenant (`intranet/rounds/renewal_workflow.py`)."""

    INVITED = "uitgenodigd"
    SIGNED = "getekend"
    DECLINED = "opgezegd"
    EXPIRED = "verlopen"


class VriendState:
    """A partner's answer to the invitation to become vriend (`rounds/vriend_workflow.py`)."""

    INVITED = "uitgenodigd"
    VRIEND = "vriend"
    DECLINED = "afgeslagen"
    EXPIRED = "verlopen"
    WITHDRAWN = "ingetrokken"  # it signed the next convenant: it stays a partner


class InvoiceState:
    """An invoice of abonnementsgelden (`intranet/fees/invoice_workflow.py`)."""

    OPEN = "open"
    PAID = "betaald"
    CREDITED = "gecrediteerd"
    CREDIT_NOTE = "creditnota"  # a credit note: not a case of the workflow, never paid


class RefereeStatus:
    """A referee of an application; changed only by `intranet/statuses.py` (audited)."""

    CONCEPT = "concept"  # named in a draft, not invited yet
    INVITED = "uitgenodigd"
    ANSWERED = "beantwoord"
    REPLACED = "vervangen"  # the applicant asked someone else; the link stops working


class OrganisationStatus:
    """An organisation in the network; changed only by `intranet/statuses.py` (audited)."""

    ASPIRANT = "aspirant"
    PARTNER = "partner"
    VRIEND = "vriend"
    LEF_PARTNER = "lef_partner"
    OUD_PARTNER = "oud_partner"

    CURRENT = (PARTNER, LEF_PARTNER)  # partners of the network today
    MAY_NOT_APPLY = (PARTNER, LEF_PARTNER)  # already in: no application needed (a vriend may)


class ChairOutcome:
    """How a proposal of a new voorzitter ended (people.models.ChairProposal.outcome);
    not a workflow, but its words are the workflows' words."""

    WAITING = ""
    CONFIRMED = "bevestigd"
    DECLINED = "afgewezen"
    LAPSED = "vervallen"
