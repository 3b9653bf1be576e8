"""Accounts: log in and out, reset and change passwords, confirm e-mail addresses."""

from flask import Blueprint

bp = Blueprint("auth", __name__)
