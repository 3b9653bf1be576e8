"""The projectleider's inbox of applications needing action."""

from flask import Blueprint

bp = Blueprint("inbox", __name__, url_prefix="/aanmeldingen")


@bp.get("/")
def index():
    """Applications needing the projectleider."""
    return "", 404


@bp.route("/<int:case_id>/voordragen", methods=["GET", "POST"])
def nominate(case_id):
    """Nominate an application to the projectgroep with a vote deadline."""
    return "", 404
