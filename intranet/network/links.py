"""The single-use link in an invitation mail: answer without logging in."""

from flask import current_app

from intranet import mail, tokens

PURPOSE = "meeting-answer"


def answer_url(invitation):
    """A fresh signed link for this invitation (each mail carries its own)."""
    token = tokens.make(PURPOSE, invitation.id)
    return mail.external_url("network.answer_link", token=token)


def read(token):
    """The payload of a usable link; raises tokens.LinkError otherwise."""
    return tokens.read(PURPOSE, token, current_app.config["MEETING_LINK_MAX_AGE"])


def consume(payload):
    """Use the link up (inside the answer's transaction)."""
    tokens.consume(PURPOSE, payload)
