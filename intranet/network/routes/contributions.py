"""Contributions: a partner proposes one; the case page where it is decided."""

from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user

from intranet.db import write_transaction
from intranet.models import Organisation
from intranet.network.contribution_workflow import WORKFLOW
from intranet.network.forms import ContributionForm
from intranet.network.models import Contribution, Network
from intranet.network.routes import meeting_or_404
from intranet.pages import Pages
from intranet.security import login_required
from intranet.workflows import engine
from intranet.workflows.routes import case_context
from intranet.workflows.states import MeetingState

pages = Pages()


def _organisations():
    """The organisations the user speaks for."""
    return list(Organisation.spoken_for_by(current_user))


@pages.route("/bijeenkomsten/<int:meeting_id>/bijdrage", methods=["GET", "POST"])
@login_required
def propose(meeting_id):
    """A contactpersoon proposes a contribution to a meeting that asks for them."""
    meeting = meeting_or_404(meeting_id)
    organisations = _organisations()
    if not organisations:
        abort(403)
    if (
        meeting.state != MeetingState.PUBLISHED
        or not meeting.asks_contributions
        or meeting.has_started
    ):
        return render_template("network/propose_closed.html", meeting=meeting), 409
    form = ContributionForm(organisations=organisations, networks=Network.listing())
    if form.validate_on_submit():
        with write_transaction():
            case = engine.create_case(
                WORKFLOW,
                current_user,
                meeting=meeting.id,
                organisation=form.organisation.data,
                network=form.network.data or None,
                submitted_by=current_user.id,
                title=form.title.data.strip(),
                description=form.description.data,
                partners_involved=form.partners_involved.data or "",
                needs=form.needs.data or "",
            )
        flash("Uw voorstel is ingediend. U hoort wat ermee gebeurt.", "success")
        return redirect(url_for("network.contribution", case_id=case.id), code=303)
    status = 422 if form.errors else 200
    return render_template("network/propose.html", meeting=meeting, form=form), status


@pages.get("/bijdragevoorstellen/<int:case_id>")
@login_required
def contribution(case_id):
    """A proposal: what it is, its status, the steps the user may take, its timeline."""
    case = Contribution.with_context(case_id)
    if case is None:
        abort(404)
    if not WORKFLOW.may_view(case, current_user):
        abort(403)
    return render_template(
        "network/contribution.html", **case_context(WORKFLOW, case, current_user)
    )
