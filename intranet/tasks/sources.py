"""Where tasks come from: one function per kind of work, each one query whatever the data.

A source takes the user and returns Task rows; `SOURCES` lists them all, and
`tasks_for(user)` runs those that apply to the user's roles, once per request.
"""

from dataclasses import dataclass
from datetime import datetime

from flask import current_app, g, url_for
from peewee import fn

from intranet.admission.models import Application, Referee, Vote
from intranet.formats import deadline_words
from intranet.models import Contact, Organisation
from intranet.rounds.models import (
    ContinuationDecision,
    ConvenantPeriod,
    RenewalInvitation,
    Round,
    VriendInvitation,
)


@dataclass
class Task:
    """One thing a person should do, with where to do it and by when."""

    kind: str  # what sort of work, in words: "Stemmen", "Ondertekenen", ...
    title: str
    url: str
    due: datetime | None = None  # naive UTC, for sorting and the calendar
    detail: str = ""
    pinned: bool = False  # a contactpersoon's signing deadline stands above everything
    uid: str = ""  # stable identity, for the calendar feed

    @property
    def due_text(self):
        """The deadline in words, or ''."""
        return deadline_words(self.due)


def votes_to_cast(user):
    """Open votes of the projectgroep this member has not voted in."""
    mine = Vote.select().where(Vote.application == Application.id, Vote.member == user.id)
    rows = Application.listing("stemming").where(~fn.EXISTS(mine))
    return [
        Task(
            "Stemmen",
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
            "Beoordelen",
            f"Beoordeel de aanmelding van {a.organisation.name}",
            url_for("inbox.case", case_id=a.id),
            detail="Ingediend of aangevuld; de aanvrager wacht op u.",
            uid=f"beoordelen-{a.id}",
        )
        for a in Application.listing("bij_projectleider")
    ]


def silent_referees(user):
    """Referees who were reminded and still did not answer (the projectleider may chase)."""
    rows = (
        Referee.select(Referee, Application.id, Organisation.name)
        .join(Application)
        .join(Organisation)
        .where(
            Referee.status == "uitgenodigd",
            Referee.reminded_at.is_null(False),
            Application.state == "referenties",
        )
        .order_by(Referee.invited_at)
    )
    expires = current_app.config["REFEREE_LINK_MAX_AGE"]
    return [
        Task(
            "Referentie",
            f"{r.name} gaf nog geen referentie voor {r.application.organisation.name}",
            url_for("inbox.case", case_id=r.application.id),
            r.invited_at + expires if r.invited_at else None,
            detail="Herinnerd, maar nog geen antwoord. Vraag de aanvrager om een andere referent.",
            uid=f"referent-{r.id}",
        )
        for r in rows
    ]


def partners_without_achtervang(user):
    """One task for the projectleider while partners lack an achtervang."""
    count = Organisation.without_achtervang().count()
    if not count:
        return []
    return [
        Task(
            "Achtervang",
            f"{count} partner{'s' if count != 1 else ''} zonder achtervang",
            url_for("dashboard.index") + "#achtervang-title",
            detail="Vraag hun contactpersonen een collega als achtervang uit te nodigen.",
            uid="zonder-achtervang",
        )
    ]


def cases_for_regiegroep(user):
    """Escalated applications: the regiegroep discusses, the voorzitter decides."""
    verb = "Besluit over" if "voorzitter" in user.roles else "Bespreek"
    return [
        Task(
            "Besluiten",
            f"{verb} de aanmelding van {a.organisation.name}",
            url_for("regiegroep.case", case_id=a.id),
            uid=f"regiegroep-{a.id}",
        )
        for a in Application.listing("regiegroep")
    ]


def continuation_to_decide(user):
    """Convenant periods whose continuation the regiegroep must decide now."""
    rows = (
        ContinuationDecision.select(ContinuationDecision, ConvenantPeriod)
        .join(ConvenantPeriod)
        .where(ContinuationDecision.state == "te_besluiten")
    )
    return [
        Task(
            "Besluiten",
            f"Besluit over voortzetting of beëindiging van {d.period.name}",
            url_for("rounds.decision", case_id=d.id),
            d.due_at,
            uid=f"voortzetting-{d.id}",
        )
        for d in rows
    ]


def _invitations(model, user, kind, title, pinned):
    rows = (
        model.select(model, Organisation, Round)
        .join(Organisation)
        .switch(model)
        .join(Round)
        .where(model.state == "uitgenodigd", model.organisation.in_(list(user.organisation_ids)))
        .order_by(Round.deadline)
    )
    return [
        Task(
            kind,
            title.format(name=i.organisation.name),
            url_for(model.endpoint, case_id=i.id),
            i.round.deadline,
            pinned=pinned,
            uid=f"{model.endpoint}-{i.id}",
        )
        for i in rows
    ]


def signatures_due(user):
    """Renewal invitations of the user's organisations that are not yet answered."""
    return _invitations(
        RenewalInvitation, user, "Ondertekenen", "Teken het nieuwe convenant voor {name}", True
    )


def vriend_invitations_due(user):
    """Vriend invitations of the user's organisations that are not yet answered."""
    return _invitations(
        VriendInvitation, user, "Uitnodiging", "Laat weten of {name} vriend van LEF wordt", False
    )


def own_organisations_without_achtervang(user):
    """The user's organisations that have no achtervang."""
    backup = Contact.select().where(
        Contact.organisation == Organisation.id, Contact.kind == "achtervang"
    )
    rows = Organisation.select(Organisation.id, Organisation.name).where(
        Organisation.id.in_(list(user.organisation_ids)), ~fn.EXISTS(backup)
    )
    return [
        Task(
            "Achtervang",
            f"{o.name} heeft geen achtervang",
            url_for("partners.show", organisation_id=o.id) + "#contactpersonen",
            detail="Nodig een collega uit die u vervangt als u er niet bent.",
            uid=f"achtervang-{o.id}",
        )
        for o in rows
    ]


APPLICANT_STEPS = {
    "concept": ("Aanmelden", "Maak de aanmelding van {name} af en dien haar in"),
    "aanvulling": ("Aanvullen", "Beantwoord de vraag van de projectleider over {name}"),
}


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
    silent = (
        Referee.select(Referee, Application.id)
        .join(Application)
        .where(
            Application.applicant == user.id,
            Application.state == "referenties",
            Referee.status == "uitgenodigd",
            Referee.reminded_at.is_null(False),
        )
    )
    expires = current_app.config["REFEREE_LINK_MAX_AGE"]
    tasks += [
        Task(
            "Referentie",
            f"{r.name} heeft nog niet gereageerd",
            url_for("apply.case", case_id=r.application.id),
            r.invited_at + expires if r.invited_at else None,
            detail="Herinner uw referent zelf, of vervang hem of haar door iemand anders.",
            uid=f"eigen-referent-{r.id}",
        )
        for r in silent
    ]
    return tasks


# (roles that see it, source); None: everyone logged in
SOURCES = (
    ({"contactpersoon"}, signatures_due),
    ({"contactpersoon"}, vriend_invitations_due),
    ({"contactpersoon"}, own_organisations_without_achtervang),
    ({"projectgroep"}, votes_to_cast),
    ({"regiegroep"}, cases_for_regiegroep),
    ({"regiegroep"}, continuation_to_decide),
    ({"projectleider"}, applications_to_handle),
    ({"projectleider"}, silent_referees),
    ({"projectleider"}, partners_without_achtervang),
    (None, own_applications),
)


def _order(task):
    return (not task.pinned, task.due is None, task.due or datetime.max, task.title)


def tasks_for(user):
    """Every task of the user, pinned first, then soonest deadline first (once per request)."""
    cached = g.get("tasks_for")
    if cached is not None and cached[0] == user.id:
        return cached[1]
    roles = user.roles
    tasks = [
        task
        for wanted, source in SOURCES
        if wanted is None or wanted & roles
        for task in source(user)
    ]
    tasks.sort(key=_order)
    g.tasks_for = (user.id, tasks)
    return tasks
