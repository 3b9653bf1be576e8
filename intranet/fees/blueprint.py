"""The fee pages: one blueprint, and the modules listed here add their pages to it."""

from flask import Blueprint

from intranet.fees import invoice_routes, planning_routes, routes

bp = Blueprint("fees", __name__, url_prefix="/bijdragen")
MODULES = (routes, invoice_routes, planning_routes)
for module in MODULES:
    module.pages.add_to(bp)
