"""What the deciders see of a case: the dossier, the vote as each may see it, the escalation."""

from dataclasses import dataclass, field

from flask import abort

from intranet.admission.eligibility import asks_pupils, condition
from intranet.admission.models import Application, Comment, Referee, Vote
from intranet.admission.vote_rule import current_member_ids, deadline_passed, tally
from intranet.admission.workflow import WORKFLOW as admission
from intranet.admission.workflow import escalation_reason
from intranet.clock import now
from intranet.pagination import paginate
from intranet.workflows.models import AuditEvent
from intranet.workflows.states import AdmissionState as State

INBOX_SECTIONS = (
    (State.WITH_LEADER, "Te beoordelen", "Deze aanmeldingen wachten op uw besluit."),
    (State.VOTE, "Stemming loopt", "De projectgroep stemt; leg zo nodig een stem vast."),
    (State.QUESTION, "Aanvulling gevraagd", "Wacht op het antwoord van de aanvrager."),
    (State.REFERENCES, "Wacht op referenties", "De referenten zijn uitgenodigd."),
    (State.REGIEGROEP, "Bij de regiegroep", "De regiegroep besluit."),
)


def application_or_404(case_id):
    """The application with its organisation and applicant, or a 404."""
    application = Application.with_organisation().where(Application.id == case_id).get_or_none()
    if application is None:
        abort(404)
    return application


def dossier(application):
    """The case as the deciders read it: organisation, profile, references, the route's rule.

    The referees are a query, run only where a page shows them.
    """
    return {
        "application": application,
        "organisation": application.organisation,
        "referees": Referee.current(application),
        "eligibility": condition(application.route),
        "asks_count": asks_pupils(application.route),  # pupils or kindplaatsen
    }


@dataclass
class InboxRow:
    """One application in the projectleider's inbox, with its progress."""

    application: Application
    answered: int = 0
    referees: int = 0
    votes: int = 0


@dataclass
class InboxSection:
    """The applications in one state, with what that state asks of the projectleider."""

    state: str
    title: str
    hint: str
    rows: list = field(default_factory=list)


def inbox():
    """The projectleider's inbox: open cases by state, with reference and vote progress."""
    states = [state for state, _, _ in INBOX_SECTIONS]
    applications = list(Application.in_state(*states))
    ids = [application.id for application in applications]
    members = current_member_ids()
    progress = Referee.progress(ids)
    votes = Vote.count_by_application(ids, members)
    sections = {state: InboxSection(state, title, hint) for state, title, hint in INBOX_SECTIONS}
    for application in applications:
        answered, referees = progress.get(application.id, (0, 0))
        row = InboxRow(application, answered, referees, votes.get(application.id, 0))
        sections[application.state].rows.append(row)
    return {"sections": list(sections.values()), "members": len(members)}


@dataclass
class VoteView:
    """A vote as one user may see it: before closing nobody sees others' choices."""

    is_open: bool
    past_deadline: bool
    is_member: bool
    is_leader: bool
    my_vote: Vote | None
    tally: object = None  # shown to a member who voted, and to everyone once closed
    voters: object = ()  # who voted, not how (leader, open vote): a query, run where shown
    votes: object = ()  # every vote and motivation (closed vote): a query, run where shown


def vote_view(application, user, my_vote=False, counted=None):
    """What this user may see of the application's vote now.

    `my_vote` and `counted` save their queries when the caller knows them (it just voted).
    """
    is_open = application.state == State.VOTE
    is_member = user.has_role("projectgroep")
    is_leader = user.has_role("projectleider")
    if my_vote is False:
        my_vote = Vote.get_or_none(Vote.application == application, Vote.member == user.id)
    view = VoteView(is_open, deadline_passed(application, now()), is_member, is_leader, my_vote)
    if not is_open or (is_member and my_vote is not None):
        view.tally = counted or tally(application)
    if not is_open:
        view.votes = Vote.with_names(application)
    elif is_leader:
        view.voters = Vote.with_names(application)
    return view


def open_votes(user, per_page=30):
    """A page of open votes, each with the user's own vote (or None) and how many voted:
    those the user has not voted on first, then by deadline."""
    voted = Application.id.in_(Vote.select(Vote.application).where(Vote.member == user.id))
    listing = Application.listing(State.VOTE)
    page = paginate(listing.order_by(voted, Application.vote_deadline, Application.id), per_page)
    ids = [application.id for application in page.items]
    mine = Vote.of_member(user, ids)
    counts = Vote.count_by_application(ids, current_member_ids())
    page.items = [(a, mine.get(a.id), counts.get(a.id, 0)) for a in page.items]
    return page


def escalation(application):
    """Why the case went to the regiegroep, from the audit trail, or None."""
    event = (
        AuditEvent.for_case(admission.name, application.id)
        .where(AuditEvent.to_state == State.REGIEGROEP)
        .order_by(AuditEvent.id.desc())
        .first()
    )
    return escalation_reason(event) if event is not None else None


def decision(application):
    """The audit event that decided the case (admitted or rejected), or None while open."""
    return (
        AuditEvent.for_case(admission.name, application.id)
        .where(AuditEvent.to_state.in_((State.ADMITTED, State.REJECTED)))
        .order_by(AuditEvent.id.desc())
        .first()
    )


def regiegroep_lists():
    """Escalated cases waiting for a decision, and the regiegroep's earlier decisions."""
    waiting = list(Application.in_state(State.REGIEGROEP).order_by(Application.escalated_at))
    decided = list(Application.decided_by_regiegroep())
    comments = Comment.count_by_application([a.id for a in waiting + decided])
    return {"waiting": waiting, "decided": decided, "comments": comments}
