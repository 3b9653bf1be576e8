"""The projectgroep's votes."""

from flask import Blueprint

bp = Blueprint("votes", __name__, url_prefix="/stemmen")


@bp.get("/")
def index():
    """Open votes."""
    return "", 404


@bp.route("/<int:case_id>", methods=["GET", "POST"])
def vote(case_id):
    """Vote on an application."""
    return "", 404
