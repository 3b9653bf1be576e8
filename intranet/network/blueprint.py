"""The network's pages: one blueprint, and the modules listed here add their pages to it."""

from flask import Blueprint

from intranet.network.routes import (
    attendance,
    contributions,
    jaargesprekken,
    link_answers,
    meeting_pages,
    networks,
    registrations,
)

bp = Blueprint("network", __name__)
MODULES = (
    networks,
    meeting_pages,
    link_answers,
    attendance,
    contributions,
    jaargesprekken,
    registrations,
)
for module in MODULES:
    module.pages.add_to(bp)
