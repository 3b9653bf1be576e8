"""The rounds' pages: one blueprint, and the modules listed here add their pages to it."""

from flask import Blueprint

from intranet.rounds.routes import (
    convenant_printing,
    decisions,
    invitation_pages,
    period_pages,
    round_opening,
    round_page,
    signing_pages,
    vrienden,
)

bp = Blueprint("rounds", __name__)
MODULES = (
    period_pages,
    round_opening,
    round_page,
    invitation_pages,
    decisions,
    signing_pages,
    convenant_printing,
    vrienden,
)
for module in MODULES:
    module.pages.add_to(bp)
