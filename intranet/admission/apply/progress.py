"""The applicant's view of the case: plain steps, where it stands, what happens next, by when."""

from dataclasses import dataclass

from intranet.views import localtime

UITGEBREID = ["Aanmelding invullen", "Referenties", "Beoordeling", "Stemming", "Besluit"]
BY_RIGHT = ["Aanmelding invullen", "Beoordeling", "Besluit"]
WHERE = {
    "concept": "Aanmelding invullen",
    "referenties": "Referenties",
    "bij_projectleider": "Beoordeling",
    "aanvulling": "Beoordeling",
    "stemming": "Stemming",
    "regiegroep": "Besluit",
    "toegelaten": "Besluit",
    "afgewezen": "Besluit",
    "ingetrokken": "Besluit",
}
DONE = ("toegelaten", "afgewezen", "ingetrokken")


@dataclass
class Progress:
    """Where an application stands, in the applicant's words."""

    steps: list  # [(label, 'done' | 'current' | 'todo')]
    now: str  # what happens now
    next: str  # what happens next
    by_when: str  # by when, if known


def _now_and_next(application):
    state = application.state
    if state == "concept":
        return (
            "U vult de aanmelding in; er is nog niets verstuurd.",
            "Dien de aanmelding in zodra alle stappen zijn ingevuld.",
            "",
        )
    if state == "referenties":
        return (
            "Uw referenten hebben een e-mail met een persoonlijke link gekregen.",
            "Zodra alle referenties binnen zijn, beoordeelt de projectleider uw aanmelding. "
            "Wie na een week niet reageerde, krijgt een herinnering; u kunt een referent ook "
            "vervangen.",
            "",
        )
    if state == "bij_projectleider":
        return (
            "De projectleider beoordeelt uw aanmelding.",
            "U hoort per e-mail of u wordt toegelaten, of dat de projectleider iets vraagt."
            + (" Daarna stemt de projectgroep." if application.route == "uitgebreid" else ""),
            "",
        )
    if state == "aanvulling":
        return (
            "De projectleider heeft u een vraag gesteld.",
            "Beantwoord de vraag hieronder; daarna kijkt de projectleider opnieuw.",
            "",
        )
    if state == "stemming":
        return (
            "De projectgroep stemt over uw aanmelding.",
            "Bij een meerderheid voor bent u toegelaten; bij twijfel besluit de regiegroep. "
            "U hoort het per e-mail.",
            localtime(application.vote_deadline, "%d-%m-%Y") if application.vote_deadline else "",
        )
    if state == "regiegroep":
        return (
            "De regiegroep neemt het besluit over uw aanmelding.",
            "U hoort het besluit per e-mail, met de motivering.",
            "",
        )
    if state == "toegelaten":
        return ("Uw organisatie is partner.", "U bent nu contactpersoon van uw organisatie.", "")
    if state == "afgewezen":
        return ("Uw aanmelding is afgewezen.", "De motivering staat in de e-mail en hieronder.", "")
    return ("U heeft de aanmelding ingetrokken.", "Er gebeurt verder niets.", "")


def progress(application):
    """The plain steps of this application's route, with the current one marked."""
    labels = UITGEBREID if application.route == "uitgebreid" else BY_RIGHT
    current = labels.index(WHERE.get(application.state, labels[0]))
    finished = application.state in DONE
    steps = [
        (label, "done" if i < current or finished else "current" if i == current else "todo")
        for i, label in enumerate(labels)
    ]
    now, following, by_when = _now_and_next(application)
    return Progress(steps, now, following, by_when)
