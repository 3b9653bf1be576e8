"""The Leden pages: one blueprint, and the modules listed here add their pages to it."""

from flask import Blueprint

from intranet.people import account_routes, routes

bp = Blueprint("people", __name__, url_prefix="/leden")
MODULES = (routes, account_routes)
for module in MODULES:
    module.pages.add_to(bp)
