"""Netwerk (issue 16): LEF's zichtlijnen and dwarslijnen, meetings with invitations and a
waiting list, contributions to programmes, and the yearly conversation with every partner.

One module per concern: `models` (networks, meetings, invitations), `meetings` (drafting,
joining), `publishing` (who is invited, the mails), `rsvp` (seats and the waiting list),
`links` (single-use answer links), `calendar` (iCalendar; `events_for(user)` feeds a
calendar), `jaargesprek`, `promises` (the dashboard's section), `routes/` (the pages).
"""

from flask import Blueprint

bp = Blueprint("network", __name__)


def init_app(app):
    """Register the workflows, the routes and the demo data."""
    from intranet import demo as demo_data
    from intranet.network import demo
    from intranet.network.routes import (  # noqa: F401
        answers,
        attendance,
        contributions,
        jaargesprekken,
        meetings,
        networks,
    )
    from intranet.workflows import contribution, meeting, netwerkjaar  # noqa: F401

    app.register_blueprint(bp)
    demo_data.register(app, demo.seed)
