"""Abonnementsgelden: rates per schooljaar, the overview, CSV export and specifications."""

from flask import Blueprint

from intranet.fees.models import FeeRate, schooljaar_of

bp = Blueprint("fees", __name__, url_prefix="/bijdragen")


def seed_demo():
    """Demo: the projectplan's rates for 2018-2019 through the current schooljaar."""
    FeeRate.seed(schooljaar_of())
