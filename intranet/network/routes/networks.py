"""The networks: the list, a network's page, joining and leaving, writing to the members."""

from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user

from intranet import htmx, mail
from intranet.db import write_transaction
from intranet.network import meetings
from intranet.network.forms import MessageForm
from intranet.network.models import Meeting, Network, ProgrammePart
from intranet.network.routes import holds, may_join, network_or_404
from intranet.pages import Pages
from intranet.security import login_required
from intranet.workflows.states import MeetingState

pages = Pages()


@pages.get("/netwerken/")
@login_required
def networks():
    """LEF's zichtlijnen and dwarslijnen."""
    return render_template("network/networks.html", networks=Network.listing())


def _membership(network, message=None, status=200):
    return htmx.render(
        "network/network.html",
        "network/_membership.html",
        status_code=status,
        **_context(network),
        message=message,
    )


def _context(network):
    upcoming = (
        Meeting.select()
        .join(ProgrammePart)
        .where(
            ProgrammePart.network == network.id,
            Meeting.state == MeetingState.PUBLISHED,
        )
        .distinct()
        .order_by(Meeting.starts_at)
    )
    return {
        "network": network,
        "membership": network.membership_of(current_user),
        "zichthouders": list(network.zichthouders()),
        "members": list(network.members()) if holds(network) else None,
        "may_join": may_join(),
        "may_write": holds(network),
        "meetings": list(upcoming),
    }


@pages.get("/netwerken/<int:network_id>")
@login_required
def network(network_id):
    """A network: its question, its zichthouders, its meetings, joining; members for holders."""
    return _membership(network_or_404(network_id))


@pages.post("/netwerken/<int:network_id>/aansluiten")
@login_required
def join(network_id):
    """Join a network."""
    network = network_or_404(network_id)
    if not may_join():
        abort(403)
    meetings.join(network, current_user)
    return _after(network, f"U bent lid van {network.name}.")


@pages.post("/netwerken/<int:network_id>/verlaten")
@login_required
def leave(network_id):
    """Leave a network."""
    network = network_or_404(network_id)
    if network.membership_of(current_user) is None:
        return _membership(network, ("info", "U was geen lid van dit netwerk."), 409)
    meetings.leave(network, current_user)
    return _after(network, f"U bent geen lid meer van {network.name}.")


def _after(network, text):
    if htmx.is_htmx():
        return _membership(network, ("success", text))
    flash(text, "success")
    return redirect(url_for("network.network", network_id=network.id), code=303)


@pages.route("/netwerken/<int:network_id>/bericht", methods=["GET", "POST"])
@login_required
def write(network_id):
    """The zichthouder writes to every member of the network, through the outbox."""
    network = network_or_404(network_id)
    if not holds(network):
        abort(403)
    form = MessageForm()
    if form.validate_on_submit():
        members = list(network.members())
        with write_transaction():
            mail.queue_many(
                (
                    member.user.email,
                    f"[{network.name}] {form.subject.data.strip()}",
                    "network_message",
                    {"network": network, "body": form.body.data, "sender": current_user.name},
                    {"headers": {"Reply-To": current_user.email}},  # answers reach the writer
                )
                for member in members
            )
        flash(f"Uw bericht gaat naar {len(members)} leden.", "success")
        return redirect(url_for("network.network", network_id=network.id), code=303)
    status = 422 if form.errors else 200
    return render_template("network/write.html", network=network, form=form), status
