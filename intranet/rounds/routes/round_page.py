"""A round's page: live progress per partner and in totals, filterable, exportable as CSV."""

import io

from flask import abort, make_response, request

from intranet import htmx, spreadsheet
from intranet.formats import DAY_PATTERN, moment_numbers
from intranet.pages import Pages
from intranet.pagination import requested_page
from intranet.rounds.opening import lef_continuing
from intranet.rounds.periods import demo_note
from intranet.rounds.round_progress import find_round, progress, workflow_of
from intranet.security import role_required

pages = Pages()

COLUMNS = [
    "Organisatie",
    "Sector",
    "Gemeente",
    "Status",
    "Beantwoord op",
    "Beantwoord door",
    "Ondertekenaar",
    "Functie",
    "Datum ondertekening",
    "Reden",
]


def _round_or_404(round_id):
    round_ = find_round(round_id)
    if round_ is None:
        abort(404)
    return round_


def _filters(round_):
    """The state and name filter from the query string; unknown states are ignored."""
    state = request.args.get("status") or None
    if state not in workflow_of(round_).states:
        state = None
    return state, request.args.get("zoek", "").strip()[:100]


@pages.get("/convenant/ronde/<int:round_id>")
@role_required("projectleider", "regiegroep")
def round_page(round_id):
    """The round: totals and partners; htmx gets only the progress block (filter, polling)."""
    round_ = _round_or_404(round_id)
    state, search = _filters(round_)
    data = progress(round_, state, search, requested_page())
    lef = list(lef_continuing(round_.period)) if round_.kind == "vriend" else []
    return htmx.render(
        "rounds/round.html",
        "rounds/_progress.html",
        round=round_,
        progress=data,
        lef=lef,
        demo_note=demo_note(),
    )


def _row(invitation, workflow):
    user = invitation.answered_by if invitation.answered_by_id else None
    organisation = invitation.organisation
    return [
        organisation.name,
        organisation.sector_label,
        organisation.municipality,
        workflow.state_label(invitation.state),
        moment_numbers(invitation.answered_at),
        user.name if user else "",
        getattr(invitation, "signer_name", ""),
        getattr(invitation, "signer_function", ""),
        invitation.signed_on.strftime(DAY_PATTERN)
        if getattr(invitation, "signed_on", None)
        else "",
        invitation.decline_reason,
    ]


@pages.get("/convenant/ronde/<int:round_id>/export.csv")
@role_required("projectleider", "regiegroep")
def round_csv(round_id):
    """Every partner of the round (with the page's filter) as CSV for a spreadsheet."""
    round_ = _round_or_404(round_id)
    state, search = _filters(round_)
    workflow = workflow_of(round_)
    buffer = io.StringIO()
    writer = spreadsheet.writer(buffer)
    writer.writerow(COLUMNS)
    for invitation in round_.invitation_model.of_round(round_, state, search):
        writer.writerow(_row(invitation, workflow))
    response = make_response("\ufeff" + buffer.getvalue())  # the BOM tells Excel it is UTF-8
    response.mimetype = "text/csv"
    response.charset = "utf-8"
    name = f"{round_.kind}-ronde-{round_.id}.csv"
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
