"""The applicant's view of the case: plain steps, where it stands, what happens next, by when."""

from dataclasses import dataclass

from intranet.formats import day_numbers
from intranet.workflows.states import AdmissionState as S

UITGEBREID = ["Aanmelding invullen", "Referenties", "Beoordeling", "Stemming", "Besluit"]
BY_RIGHT = ["Aanmelding invullen", "Beoordeling", "Besluit"]
# state: (the plain step it belongs to, what happens now, what happens next)
PLAIN = {
    S.CONCEPT: (
        "Aanmelding invullen",
        "U vult de aanmelding in; er is nog niets verstuurd.",
        "Dien de aanmelding in zodra alle stappen zijn ingevuld.",
    ),
    S.REFERENCES: (
        "Referenties",
        "Uw referenten hebben een e-mail met een persoonlijke link gekregen.",
        "Zodra alle referenties binnen zijn, beoordeelt de projectleider uw aanmelding. Wie na "
        "een week niet reageerde, krijgt een herinnering; u kunt een referent ook vervangen.",
    ),
    S.WITH_LEADER: (
        "Beoordeling",
        "De projectleider beoordeelt uw aanmelding.",
        "U hoort per e-mail of u wordt toegelaten, of dat de projectleider iets vraagt.",
    ),
    S.QUESTION: (
        "Beoordeling",
        "De projectleider heeft u een vraag gesteld.",
        "Beantwoord de vraag hieronder; daarna kijkt de projectleider opnieuw.",
    ),
    S.VOTE: (
        "Stemming",
        "De projectgroep stemt over uw aanmelding.",
        "Bij een meerderheid voor bent u toegelaten; bij twijfel besluit de regiegroep. U hoort "
        "het per e-mail.",
    ),
    S.REGIEGROEP: (
        "Besluit",
        "De regiegroep neemt het besluit over uw aanmelding.",
        "U hoort het besluit per e-mail, met de motivering.",
    ),
    S.ADMITTED: (
        "Besluit",
        "Uw organisatie is partner.",
        "U bent nu contactpersoon van uw organisatie.",
    ),
    S.REJECTED: (
        "Besluit",
        "Uw aanmelding is afgewezen.",
        "De motivering staat in de e-mail en hieronder.",
    ),
    S.WITHDRAWN: ("Besluit", "U heeft de aanmelding ingetrokken.", "Er gebeurt verder niets."),
}
FINISHED = (*S.DECIDED, S.WITHDRAWN)


@dataclass
class Progress:
    """Where an application stands, in the applicant's words."""

    steps: list  # [(label, 'done' | 'current' | 'todo' | 'skipped')]
    now: str  # what happens now
    next: str  # what happens next
    by_when: str  # by when, if known


def progress(application):
    """The plain steps of this application's route, with the current one marked."""
    labels = UITGEBREID if application.asks_profile_and_referees else BY_RIGHT
    where, now, following = PLAIN.get(application.state, PLAIN[S.CONCEPT])
    if where not in labels:
        where = labels[-1]
    current = labels.index(where)
    finished = application.state in FINISHED
    steps = [
        (label, "done" if i < current or finished else "current" if i == current else "todo")
        for i, label in enumerate(labels)
    ]
    if application.escalated_at and not application.vote_deadline:  # to the regiegroep
        steps = [  # straight from the projectleider: there was no vote
            (label, "skipped" if label == "Stemming" else status) for label, status in steps
        ]
    by_when = ""
    if application.state == S.VOTE and application.vote_deadline:
        by_when = day_numbers(application.vote_deadline)
    return Progress(steps, now, following, by_when)
