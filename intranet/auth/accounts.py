"""Creating accounts and confirming their addresses."""

from flask import current_app

from intranet import mail, security, tokens
from intranet.clock import now
from intranet.models import Membership, User


def create_user(email, name, password=None, groups=(), voorzitter=False, confirmed=False):
    """Create an account (in the caller's transaction) with optional group seats.

    Until its address is confirmed (`confirmed`: vouched for by whoever runs the CLI) the
    account holds no role and speaks for no organisation.
    """
    user = User.create(
        email=email.strip().lower(),
        name=name,
        password_hash=security.hash_password(password) if password else None,
        email_confirmed_at=now() if confirmed else None,
    )
    for group in groups:
        Membership.create(user=user, group=group, voorzitter=voorzitter and group == "regiegroep")
    return user


def reclaim_unconfirmed(user):
    """Someone else is about to vouch for this address (an invitation, a backup contact):
    if it is unconfirmed, whoever made the account loses it (no password, no session), and
    the link mailed to the address lets its owner choose the password."""
    if user.email_confirmed_at is not None:
        return
    user.password_hash = None
    user.session_epoch += 1
    user.save(only=[User.password_hash, User.session_epoch])


def send_confirmation(user):
    """Queue the e-mail with the address confirmation link."""
    token = tokens.make("email-confirm", user.id)
    link = mail.external_url("auth.confirm_email", token=token)
    mail.queue(
        user.email,
        "Bevestig uw e-mailadres",
        "confirm_email",
        user=user,
        link=link,
        days=current_app.config["EMAIL_CONFIRM_MAX_AGE"].days,
    )
