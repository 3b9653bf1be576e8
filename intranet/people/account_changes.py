"""The projectleider manages accounts: invite someone, change a name or an e-mail address (the
new address confirmed first), deactivate (the sessions end at once) and reactivate."""

from flask import current_app
from peewee import IntegrityError

from intranet import mail, security, tokens
from intranet.clock import now
from intranet.db import locked, write_transaction
from intranet.models import User
from intranet.people import seats
from intranet.people.audit import record
from intranet.people.models import AddressChange
from intranet.refusals import Refused

INVITE = "account-invite"
EMAIL_CHANGE = "email-change"
TAKEN = "Het e-mailadres {email} is al in gebruik bij een ander account."
REPLACED = "Er is intussen een ander nieuw adres gevraagd; deze link geldt niet meer."


def _locked_user(user_id):
    user = locked(User.select().where(User.id == user_id)).get_or_none()
    if user is None:
        raise Refused("Dit account bestaat niet.", 404)
    return user


def invite(name, email, actor):
    """Make an account without a password and mail the person a link to choose one."""
    email = email.strip().lower()
    try:
        with write_transaction():
            if User.by_email(email) is not None:
                raise Refused(TAKEN.format(email=email), 409)
            user = User.create(email=email, name=name.strip())
            record(actor, user, "uitgenodigd", f"{user.name} ({email}) is uitgenodigd.")
            send_invitation(user, actor)
    except IntegrityError as error:  # the same address invited at the same moment
        raise Refused(TAKEN.format(email=email), 409) from error
    return user


def send_invitation(user, actor):
    """Queue the invitation with its single-use link (in the caller's transaction)."""
    link = mail.external_url("people.accept_invite", token=security.account_link(INVITE, user))
    days = current_app.config["PARTNER_INVITE_MAX_AGE"].days
    subject = "Uw account op het intranet van De Leidse Aanpak"
    mail.queue(
        user.email, subject, "account_invite", user=user, inviter=actor, link=link, days=days
    )


def rename(user_id, name, actor):
    """Change the name an account is shown by."""
    with write_transaction():
        user = _locked_user(user_id)
        old, user.name = user.name, name.strip()
        if old == user.name:
            raise Refused(f"De naam is al {old}.", 409)
        user.save(only=[User.name])
        record(actor, user, "naam", f"Naam gewijzigd van {old} in {user.name}.")
    return user


def request_email_change(user_id, email, actor):
    """Mail a confirmation link to the new address; the address changes once it is used."""
    email = email.strip().lower()
    with write_transaction():
        user = _locked_user(user_id)
        if email == user.email:
            raise Refused(f"{email} is al het e-mailadres van {user.name}.", 409)
        if User.by_email(email) is not None:
            raise Refused(TAKEN.format(email=email), 409)
        change = AddressChange.create(user=user, email=email)  # voids any earlier link
        token = tokens.make(EMAIL_CHANGE, change.id)
        link = mail.external_url("people.confirm_email_change", token=token)
        days = current_app.config["EMAIL_CONFIRM_MAX_AGE"].days
        subject = "Bevestig uw nieuwe e-mailadres"
        mail.queue(email, subject, "email_change", user=user, link=link, days=days, email=email)
        record(actor, user, "adres-gevraagd", f"Nieuw e-mailadres {email} wacht op bevestiging.")
    return user


def confirm_email_change(payload):
    """Use the confirmation link once: the account's address becomes the new one."""
    try:
        with write_transaction():
            tokens.consume(EMAIL_CHANGE, payload)
            change = AddressChange.get_or_none(AddressChange.id == payload["s"])
            if change is None:
                raise tokens.LinkError(tokens.INVALID)
            if not change.is_latest():
                raise tokens.LinkError(REPLACED)
            user = _locked_user(change.user_id)
            if User.by_email(change.email) is not None:
                raise Refused(TAKEN.format(email=change.email), 409)
            old, user.email, user.email_confirmed_at = user.email, change.email, now()
            user.save(only=[User.email, User.email_confirmed_at])
            change.confirmed_at = now()
            change.save(only=[AddressChange.confirmed_at])
            record(user, user, "adres", f"E-mailadres gewijzigd van {old} in {user.email}.")
    except IntegrityError as error:
        raise Refused(TAKEN.format(email=change.email), 409) from error
    return user


def deactivate(user_id, actor):
    """Close an account: it cannot log in and every session of it ends at once."""
    with write_transaction():
        user = _locked_user(user_id)
        if user.id == actor.id:
            raise Refused("U kunt uw eigen account niet deactiveren.", 403)
        if not user.active:
            raise Refused(f"Het account van {user.name} is al gedeactiveerd.", 409)
        with seats.change(user, leaving=True):  # a deactivated member no longer counts
            user.active = False
            user.session_epoch += 1
            user.save(only=[User.active, User.session_epoch])
            record(actor, user, "gedeactiveerd", f"Het account van {user.name} is gedeactiveerd.")
    return user


def reactivate(user_id, actor):
    """Open a closed account again (the person logs in with their old password)."""
    with write_transaction():
        user = _locked_user(user_id)
        if user.active:
            raise Refused(f"Het account van {user.name} is al actief.", 409)
        with seats.change(user):  # their seats count again
            user.active = True
            user.save(only=[User.active])
            record(actor, user, "geactiveerd", f"Het account van {user.name} is weer actief.")
    return user
