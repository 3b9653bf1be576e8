"""The projectleider's dashboard: every section fed by one small data function."""

from flask import Blueprint

bp = Blueprint("dashboard", __name__, url_prefix="/dashboard")
