"""Abonnementsgelden: rates per schooljaar, the overview, the begroting and the invoices."""

from flask import Blueprint

bp = Blueprint("fees", __name__, url_prefix="/bijdragen")


def init_app(app):
    """Register the blueprint, the invoice workflow and the demo seeder."""
    from intranet import demo
    from intranet.fees import demo as fee_demo
    from intranet.fees import invoice_routes, models, planning_routes, routes  # noqa: F401
    from intranet.workflows import invoice  # noqa: F401  (registers the workflow)

    app.register_blueprint(bp)
    demo.register(app, fee_demo.seed)
