"""The professionals' pages: one blueprint, with the pages of routes.py."""

from flask import Blueprint

from intranet.professionals import routes

bp = Blueprint("professionals", __name__)
MODULES = (routes,)
for module in MODULES:
    module.pages.add_to(bp)
