"""Creating accounts, confirming their addresses and accepting invitations."""

from flask import current_app

from intranet import mail, security, tokens
from intranet.clock import now
from intranet.db import write_transaction
from intranet.models import User


def create_user(email, name, password=None, confirmed=False):
    """Create an account (in the caller's transaction); seats come from people/seats.py.

    Until its address is confirmed (`confirmed`: vouched for by whoever runs the CLI) the
    account holds no role and speaks for no organisation.
    """
    user = User.create(
        email=email.strip().lower(),
        name=name,
        password_hash=security.hash_password(password) if password else None,
        email_confirmed_at=now() if confirmed else None,
    )
    return user


CONFIRM = "email-confirm"


def send_confirmation(user):
    """Queue the e-mail with the address confirmation link (bound to the account as it is)."""
    token = security.account_link(CONFIRM, user)
    link = mail.external_url("auth.confirm_email", token=token)
    mail.queue(
        user.email,
        "Bevestig uw e-mailadres",
        "confirm_email",
        user=user,
        link=link,
        days=current_app.config["EMAIL_CONFIRM_MAX_AGE"].days,
    )


def confirm_by_link(payload, user, password=None):
    """Confirm the address through its link. Whoever opens the link holds the mailbox, not
    necessarily the password: unless they are logged in as this account (`password` None),
    they choose the password now, and every other session and link of the account ends;
    so nobody can make an account for someone else's address and keep it."""
    with write_transaction():
        tokens.consume(CONFIRM, payload)
        if password is not None:
            security.set_password(user, password)
        User.update(email_confirmed_at=now()).where(User.id == user.id).execute()
    if password is not None:
        security.start_session(User.get_by_id(user.id), remember=False)


def accept_invitation(purpose, payload, user, password):
    """Use an invitation link once: set the password, confirm the address, log in."""
    with write_transaction():
        tokens.consume(purpose, payload)
        security.set_password(user, password)
        User.update(email_confirmed_at=now()).where(User.id == user.id).execute()
    security.start_session(User.get_by_id(user.id), remember=False)
