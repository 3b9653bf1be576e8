"""Abonnementsgelden: rates, agreements and the begroting per schooljaar, and the invoices."""

from flask import Blueprint

bp = Blueprint("fees", __name__, url_prefix="/bijdragen")
