"""The applicant's pages: one blueprint, and the modules listed here add their pages to it."""

from flask import Blueprint

from intranet.admission.apply import case_routes, routes

bp = Blueprint("apply", __name__)
MODULES = (routes, case_routes)
for module in MODULES:
    module.pages.add_to(bp)
