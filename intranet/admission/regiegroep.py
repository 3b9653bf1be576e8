"""The regiegroep's escalated cases."""

from flask import Blueprint

bp = Blueprint("regiegroep", __name__, url_prefix="/regiegroep")


@bp.get("/")
def index():
    """Escalated cases."""
    return "", 404


@bp.route("/<int:case_id>", methods=["GET", "POST"])
def case(case_id):
    """An escalated case."""
    return "", 404
