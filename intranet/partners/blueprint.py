"""The partners' pages: one blueprint, and the modules listed here add their pages to it."""

from flask import Blueprint

from intranet.partners import contact_routes, import_routes, public_routes, routes

bp = Blueprint("partners", __name__, url_prefix="/partners")
MODULES = (routes, contact_routes, import_routes, public_routes)
for module in MODULES:
    module.pages.add_to(bp)
