"""A round's progress: totals per state and one page of partners, in a constant few queries."""

from dataclasses import dataclass
from math import ceil

from intranet.rounds import renewal_workflow, vriend_workflow
from intranet.rounds.models import ConvenantPeriod, Round

PER_PAGE = 50
WORKFLOWS = {"renewal": renewal_workflow.WORKFLOW, "vriend": vriend_workflow.WORKFLOW}


@dataclass
class Progress:
    """What the round page shows: totals, the filter, and the partners on this page."""

    round: Round
    workflow: object
    totals: dict
    state: str | None
    search: str
    page: int
    pages: int
    rows: list

    @property
    def total(self):
        """Every invited partner."""
        return sum(self.totals.values())

    @property
    def answered(self):
        """Partners that gave an answer or let the deadline pass."""
        return self.total - self.totals.get(self.workflow.initial, 0)

    def label(self, state):
        """A state as the totals name it: on the round page the first state means waiting."""
        return "Wachtend" if state == self.workflow.initial else self.workflow.state_label(state)


def workflow_of(round_):
    """The workflow of a round's invitations."""
    return WORKFLOWS[round_.kind]


def find_round(round_id):
    """A round with its period, or None."""
    return (
        Round.select(Round, ConvenantPeriod)
        .join(ConvenantPeriod)
        .where(Round.id == round_id)
        .get_or_none()
    )


def progress(round_, state=None, search="", page=1):
    """The round's totals and one page of its partners, filtered by state and name."""
    workflow = workflow_of(round_)
    model = round_.invitation_model
    totals = dict.fromkeys(workflow.states, 0)
    totals.update(model.totals([round_.id]).get(round_.id, {}))
    if search:
        matching = model.of_round(round_, state, search).count()
    else:
        matching = totals[state] if state else sum(totals.values())
    pages = max(1, ceil(matching / PER_PAGE))
    page = min(max(page, 1), pages)
    rows = list(model.of_round(round_, state, search).paginate(page, PER_PAGE))
    return Progress(round_, workflow, totals, state, search, page, pages, rows)
