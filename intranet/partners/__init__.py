"""Partners: the public directory, a partner's own page, its profile and contactpersonen."""

from flask import Blueprint

bp = Blueprint("partners", __name__, url_prefix="/partners")
