"""The home page, the `web_link` filter and what every page needs to know."""

from flask import Blueprint, has_request_context, redirect, render_template, url_for
from flask_login import current_user

from intranet.forms import web_address
from intranet.workflows.timers import tick_warning

bp = Blueprint("views", __name__)

LANDING = (
    (None, "tasks.index"),  # everyone lands on "Mijn taken"
    ("projectleider", "dashboard.index"),
    ("regiegroep", "regiegroep.index"),
    ("projectgroep", "votes.index"),
    ("contactpersoon", "partners.mine"),
    (None, "apply.mine"),
)


@bp.route("/")
def home():
    """Send a logged-in user to their work; show visitors what the intranet is."""
    if current_user.is_authenticated:
        for role, endpoint in LANDING:
            if role is None or current_user.has_role(role):
                return redirect(url_for(endpoint))
    return render_template("home.html")


@bp.route("/favicon.ico")
def favicon():
    """Browsers that ask for /favicon.ico get the SVG icon every page links to."""
    return redirect(url_for("static", filename="favicon.svg"), code=301)


def page_warning():
    """The warning the projectleider sees on every page when `workflows tick` has stopped,
    else None (a template global: base.html asks for it)."""
    if (
        has_request_context()
        and current_user.is_authenticated
        and current_user.has_role("projectleider")
    ):
        return tick_warning()
    return None


def web_link(value):
    """A stored website as a link target only if it is an http(s) address, else None."""
    address = web_address(value)
    return address if address and address == (value or "").strip() else None
