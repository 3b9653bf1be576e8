"""The projectleider's landing page."""

from flask import Blueprint, render_template

from intranet.dashboard.sections import sections
from intranet.security import role_required

bp = Blueprint("dashboard", __name__, url_prefix="/dashboard")


@bp.get("/")
@role_required("projectleider")
def index():
    """What needs the projectleider's attention, in one page (the same for every projectleider)."""
    return render_template("dashboard/index.html", **sections())
