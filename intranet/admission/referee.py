"""Referees answer through a signed, single-use link; they never have an account."""

from flask import Blueprint

bp = Blueprint("referee", __name__)


@bp.route("/referentie/<token>", methods=["GET", "POST"])
def answer(token):
    """Give a reference."""
    return "", 404
