"""The activities' pages: one blueprint, with the pages of routes.py."""

from flask import Blueprint

from intranet.activities import routes

bp = Blueprint("activities", __name__)
MODULES = (routes,)
for module in MODULES:
    module.pages.add_to(bp)
