"""People and seats: the projectleider manages accounts and who sits in which group."""

from flask import Blueprint

bp = Blueprint("people", __name__, url_prefix="/leden")
