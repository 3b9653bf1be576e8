"""The network's pages: one blueprint, and the modules listed here add their pages to it."""

from flask import Blueprint

from intranet.network.routes import (
    answers,
    attendance,
    contributions,
    jaargesprekken,
    meetings,
    networks,
    registrations,
)

bp = Blueprint("network", __name__)
MODULES = (
    networks,
    meetings,
    answers,
    attendance,
    contributions,
    jaargesprekken,
    registrations,
)
for module in MODULES:
    module.pages.add_to(bp)
