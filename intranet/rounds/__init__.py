"""Convenant periods, the regiegroep's decision on continuation, and the rounds over all
partners: signing the next convenant, and becoming vriend of LEF (issue 5).

Queries for other pages: `models.open_invitations_for(organisation)`,
`models.periods_of(organisation)`, `models.rounds_in_progress()`.
"""

from flask import Blueprint

bp = Blueprint("rounds", __name__)


def init_app(app):
    """Register the workflows, the routes and the demo data."""
    from intranet import demo as demo_data
    from intranet.rounds import dates, demo, text
    from intranet.rounds.routes import answers, decisions, periods, round_page, vrienden  # noqa: F401
    from intranet.workflows import continuation, period, renewal, vriend  # noqa: F401

    app.register_blueprint(bp)
    app.add_template_filter(dates.day_text, "dag")
    app.add_template_filter(dates.deadline_text, "termijn")
    app.add_template_filter(text.blocks, "convenant_blocks")
    demo_data.register(app, demo.seed)
