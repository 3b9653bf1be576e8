"""Abonnementsgelden: rates per schooljaar, the overview, CSV export and specifications."""

from flask import Blueprint

bp = Blueprint("fees", __name__, url_prefix="/bijdragen")


def seed_demo():
    """Demo: the projectplan's rates for 2018-2019 through the current schooljaar."""
    from intranet.fees.models import FeeRate, schooljaar_of

    FeeRate.seed(schooljaar_of())


def init_app(app):
    """Register the blueprint and the demo seeder."""
    from intranet import demo
    from intranet.fees import models, routes  # noqa: F401

    app.register_blueprint(bp)
    demo.register(app, seed_demo)
