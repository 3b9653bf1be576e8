"""The news pages: one blueprint, with the pages of routes.py."""

from flask import Blueprint

from intranet.news import routes

bp = Blueprint("news", __name__)
MODULES = (routes,)
for module in MODULES:
    module.pages.add_to(bp)
