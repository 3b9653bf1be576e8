"""The rounds' pages: one blueprint, and the modules listed here add their pages to it."""

from flask import Blueprint

from intranet.rounds.routes import (
    answers,
    decisions,
    period_pages,
    printing,
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
    answers,
    decisions,
    signing_pages,
    printing,
    vrienden,
)
for module in MODULES:
    module.pages.add_to(bp)
