"""The newsletters' pages: one blueprint, with the pages of routes.py."""

from flask import Blueprint

from intranet.newsletters import routes

bp = Blueprint("newsletters", __name__)
MODULES = (routes,)
for module in MODULES:
    module.pages.add_to(bp)
