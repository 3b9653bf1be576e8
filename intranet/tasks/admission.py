"""Tasks from admission: votes to cast, applications to handle or decide, drafts, referees.

Each kind is a Source: the query of what waits (a row per task) and the task a row is.
"""

from flask import current_app, url_for
from peewee import fn

from intranet.admission.models import Application, Referee, Vote
from intranet.glossary import TASK_KINDS as KINDS
from intranet.models import Organisation
from intranet.tasks.task import Source, Task
from intranet.workflows.states import AdmissionState as S
from intranet.workflows.states import RefereeStatus

APPLICANT_STEPS = {
    S.CONCEPT: (KINDS["aanmelden"], "Maak de aanmelding van {name} af en dien haar in"),
    S.QUESTION: (KINDS["aanvullen"], "Beantwoord de vraag van de projectleider over {name}"),
}


def _votes_not_cast(user):
    """Open votes of the projectgroep this member has not voted in."""
    mine = Vote.select().where(Vote.application == Application.id, Vote.member == user.id)
    soonest = Application.listing(S.VOTE).order_by(Application.vote_deadline, Application.id)
    return soonest.where(~fn.EXISTS(mine))


def _vote_task(application, user):
    return Task(
        KINDS["stemmen"],
        f"Stem over de aanmelding van {application.organisation.name}",
        url_for("votes.vote", case_id=application.id),
        application.vote_deadline,
        uid=f"stemming-{application.id}",
    )


def _with_leader(user):
    """Applications waiting for the projectleider: check, ask, nominate or confirm."""
    return Application.listing(S.WITH_LEADER)


def _handle_task(application, user):
    return Task(
        KINDS["beoordelen"],
        f"Beoordeel de aanmelding van {application.organisation.name}",
        url_for("inbox.case", case_id=application.id),
        detail="Ingediend of aangevuld; de aanvrager wacht op u.",
        uid=f"beoordelen-{application.id}",
    )


def _silent(query):
    """Narrow a Referee query joined to Application to referees reminded without answering."""
    return query.where(
        Referee.status == RefereeStatus.INVITED,
        Referee.reminded_at.is_null(False),
        Application.state == S.REFERENCES,
    )


def _referee_task(referee, title, url, detail, uid):
    """The task of chasing a referee, due when the referee's link expires."""
    expires = current_app.config["REFEREE_LINK_MAX_AGE"]
    due = referee.invited_at + expires if referee.invited_at else None
    return Task(KINDS["referentie"], title, url, due, detail=detail, uid=uid)


def _silent_referees(user):
    """Referees who were reminded and still did not answer (the projectleider may chase)."""
    rows = _silent(Referee.select(Referee, Application.id, Organisation.name).join(Application))
    return rows.join(Organisation).order_by(Referee.invited_at)


def _chase_task(referee, user):
    return _referee_task(
        referee,
        f"{referee.name} gaf nog geen referentie voor {referee.application.organisation.name}",
        url_for("inbox.case", case_id=referee.application.id),
        "Herinnerd, maar nog geen antwoord. Vraag de aanvrager om een andere referent.",
        uid=f"referent-{referee.id}",
    )


def _escalated(user):
    """Escalated applications: the regiegroep discusses, the voorzitter decides."""
    return Application.listing(S.REGIEGROEP)


def _regiegroep_task(application, user):
    verb = "Besluit over" if "voorzitter" in user.roles else "Bespreek"
    return Task(
        KINDS["besluiten"],
        f"{verb} de aanmelding van {application.organisation.name}",
        url_for("regiegroep.case", case_id=application.id),
        uid=f"regiegroep-{application.id}",
    )


def _own_open(user):
    """The applicant's open applications: drafts and questions are work, the rest to follow."""
    return (
        Application.select(Application.id, Application.state, Organisation.name)
        .join(Organisation)
        .where(Application.applicant == user.id, Application.state.in_(list(S.OPEN)))
    )


def _own_open_steps(user):
    """The applicant's drafts and questions to answer."""
    return _own_open(user).where(Application.state.in_(list(APPLICANT_STEPS)))


def _own_step_task(application, user):
    url = url_for("apply.case", case_id=application.id)
    name = application.organisation.name
    if application.state not in APPLICANT_STEPS:
        return Task(
            KINDS["volgen"],
            f"Uw aanmelding van {name}",
            url,
            detail="Er wacht niets op u; hier ziet u waar uw aanmelding staat.",
            uid=f"aanmelding-{application.id}",
            follow=True,
        )
    kind, title = APPLICANT_STEPS[application.state]
    return Task(kind, title.format(name=name), url, uid=f"aanmelding-{application.id}")


def _own_silent_referees(user):
    """The applicant's referees who were reminded and did not answer."""
    rows = _silent(Referee.select(Referee, Application.id).join(Application))
    return rows.where(Application.applicant == user.id)


def _remind_task(referee, user):
    return _referee_task(
        referee,
        f"{referee.name} heeft nog niet gereageerd",
        url_for("apply.case", case_id=referee.application.id),
        "Herinner uw referent zelf, of vervang hem of haar door iemand anders.",
        uid=f"eigen-referent-{referee.id}",
    )


votes_to_cast = Source({"projectgroep"}, _votes_not_cast, _vote_task)
applications_to_handle = Source({"projectleider"}, _with_leader, _handle_task)
silent_referees = Source({"projectleider"}, _silent_referees, _chase_task)
cases_for_regiegroep = Source({"regiegroep"}, _escalated, _regiegroep_task)
own_applications = Source(None, _own_open, _own_step_task, counted=_own_open_steps)
own_silent_referees = Source(None, _own_silent_referees, _remind_task)
