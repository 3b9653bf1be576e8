"""Convenant periods, the regiegroep's decision on continuation, and the rounds over all
partners: signing the next convenant, and becoming vriend of LEF (issue 5).

Queries for other pages: `models.open_invitations_for(organisation)`,
`models.periods_of(organisation)`, `models.rounds_in_progress()`.
"""

from flask import Blueprint, url_for

bp = Blueprint("rounds", __name__)


def init_app(app):
    """Register the workflows, the routes and the demo data."""
    from intranet import demo as demo_data
    from intranet.rounds import dates, demo, text
    from intranet.rounds.routes import (  # noqa: F401
        answers,
        decisions,
        periods,
        printing,
        round_opening,
        round_page,
        signers,
        vrienden,
    )
    from intranet.workflows import continuation, period, renewal, vriend  # noqa: F401

    app.register_blueprint(bp)
    app.add_template_filter(dates.day_text, "dag")
    app.add_template_filter(dates.deadline_text, "termijn")
    app.add_template_filter(text.to_html, "convenant_html")
    demo_data.register(app, demo.seed)
    _plug_into_other_features(app)


def _plug_into_other_features(app):
    """Admitted partners join the running period; rounds show on the dashboard."""
    from intranet.admission.effects import register_admission_hook
    from intranet.dashboard.sections import provide
    from intranet.rounds.models import rounds_in_progress
    from intranet.rounds.rollover import join_current_period

    register_admission_hook(app, join_current_period)
    provide(
        app,
        "rounds_in_progress",
        lambda: [
            {
                "label": round_.label,
                "url": url_for("rounds.round_page", round_id=round_.id),
                "summary": ", ".join(f"{state}: {count}" for state, count in round_.totals.items()),
            }
            for round_ in rounds_in_progress()
        ],
    )
