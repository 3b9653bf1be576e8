"""Tasks from admission: votes to cast, applications to handle or decide, drafts, referees."""

from flask import current_app, url_for
from peewee import fn

from intranet.admission.models import Application, Referee, Vote
from intranet.glossary import TASK_KINDS as KINDS
from intranet.models import Organisation
from intranet.tasks.task import Task
from intranet.workflows.states import AdmissionState as S
from intranet.workflows.states import RefereeStatus

APPLICANT_STEPS = {
    S.CONCEPT: (KINDS["aanmelden"], "Maak de aanmelding van {name} af en dien haar in"),
    S.QUESTION: (KINDS["aanvullen"], "Beantwoord de vraag van de projectleider over {name}"),
}


def votes_to_cast(user):
    """Open votes of the projectgroep this member has not voted in."""
    mine = Vote.select().where(Vote.application == Application.id, Vote.member == user.id)
    rows = Application.listing(S.VOTE).where(~fn.EXISTS(mine))
    return [
        Task(
            KINDS["stemmen"],
            f"Stem over de aanmelding van {a.organisation.name}",
            url_for("votes.vote", case_id=a.id),
            a.vote_deadline,
            uid=f"stemming-{a.id}",
        )
        for a in rows
    ]


def applications_to_handle(user):
    """Applications waiting for the projectleider: check, ask, nominate or confirm."""
    return [
        Task(
            KINDS["beoordelen"],
            f"Beoordeel de aanmelding van {a.organisation.name}",
            url_for("inbox.case", case_id=a.id),
            detail="Ingediend of aangevuld; de aanvrager wacht op u.",
            uid=f"beoordelen-{a.id}",
        )
        for a in Application.listing(S.WITH_LEADER)
    ]


def silent_referees(user):
    """Referees who were reminded and still did not answer (the projectleider may chase)."""
    rows = _silent(Referee.select(Referee, Application.id, Organisation.name).join(Application))
    return [
        _referee_task(
            referee,
            f"{referee.name} gaf nog geen referentie voor {referee.application.organisation.name}",
            url_for("inbox.case", case_id=referee.application.id),
            "Herinnerd, maar nog geen antwoord. Vraag de aanvrager om een andere referent.",
            uid=f"referent-{referee.id}",
        )
        for referee in rows.join(Organisation).order_by(Referee.invited_at)
    ]


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


def cases_for_regiegroep(user):
    """Escalated applications: the regiegroep discusses, the voorzitter decides."""
    verb = "Besluit over" if "voorzitter" in user.roles else "Bespreek"
    return [
        Task(
            KINDS["besluiten"],
            f"{verb} de aanmelding van {a.organisation.name}",
            url_for("regiegroep.case", case_id=a.id),
            uid=f"regiegroep-{a.id}",
        )
        for a in Application.listing(S.REGIEGROEP)
    ]


def own_applications(user):
    """The applicant's drafts and questions to answer, and referees who did not answer."""
    rows = (
        Application.select(Application.id, Application.state, Organisation.name)
        .join(Organisation)
        .where(Application.applicant == user.id, Application.state.in_(list(APPLICANT_STEPS)))
    )
    tasks = [
        Task(
            APPLICANT_STEPS[a.state][0],
            APPLICANT_STEPS[a.state][1].format(name=a.organisation.name),
            url_for("apply.case", case_id=a.id),
            uid=f"aanmelding-{a.id}",
        )
        for a in rows
    ]
    silent = _silent(Referee.select(Referee, Application.id).join(Application))
    tasks += [
        _referee_task(
            referee,
            f"{referee.name} heeft nog niet gereageerd",
            url_for("apply.case", case_id=referee.application.id),
            "Herinner uw referent zelf, of vervang hem of haar door iemand anders.",
            uid=f"eigen-referent-{referee.id}",
        )
        for referee in silent.where(Application.applicant == user.id)
    ]
    return tasks
