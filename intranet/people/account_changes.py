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
    """Make an account without a password and mail the person a link to choose one.

    An account at that address whose address nobody confirmed (made by whoever filled in
    the application form) is taken back: its password and sessions end, and the invitation
    lets the address's owner choose the password.
    """
    email = email.strip().lower()
    try:
        with write_transaction():
            user = User.by_email(email)
            if user is not None and user.confirmed:
                raise Refused(TAKEN.format(email=email), 409)
            if user is None:
                user = User.create(email=email, name=name.strip())
            else:
                user = _locked_user(user.id)
                user.reclaim_if_unconfirmed()
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
        token = security.account_link(EMAIL_CHANGE, user, subject=change.id)
        link = mail.external_url("people.confirm_email_change", token=token)
        days = current_app.config["EMAIL_CONFIRM_MAX_AGE"].days
        subject = "Bevestig uw nieuwe e-mailadres"
        mail.queue(email, subject, "email_change", user=user, link=link, days=days, email=email)
        record(actor, user, "adres-gevraagd", f"Nieuw e-mailadres {email} wacht op bevestiging.")
    return user


def change_of_link(payload):
    """The pending address change a link confirms, while the account is as it was when the
    link was made (same address, password and state); raises LinkError otherwise."""
    change = AddressChange.get_or_none(AddressChange.id == payload["s"])
    if change is None:
        raise tokens.LinkError(tokens.INVALID)
    if not change.is_latest():
        raise tokens.LinkError(REPLACED)
    security.account_of_link(EMAIL_CHANGE, payload, user_id=change.user_id)
    return change


def confirm_email_change(payload):
    """Use the confirmation link once: the account's address becomes the new one.

    Every session and every link of the account ends. If nobody had confirmed the old
    address, its password goes too; an account without a password gets an invitation at
    the new address to choose one.
    """
    change = None
    try:
        with write_transaction():
            tokens.consume(EMAIL_CHANGE, payload)
            change = change_of_link(payload)
            user = _locked_user(change.user_id)
            security.account_of_link(EMAIL_CHANGE, payload, user_id=user.id)  # locked: again
            if User.by_email(change.email) is not None:
                raise Refused(TAKEN.format(email=change.email), 409)
            user.reclaim_if_unconfirmed()
            old, user.email, user.email_confirmed_at = user.email, change.email, now()
            user.credentials_changed()
            user.save(only=[User.email, User.email_confirmed_at, *security.CREDENTIALS])
            change.confirmed_at = now()
            change.save(only=[AddressChange.confirmed_at])
            record(user, user, "adres", f"E-mailadres gewijzigd van {old} in {user.email}.")
            if user.password_hash is None:
                send_invitation(user, user)
    except IntegrityError as error:
        raise Refused(TAKEN.format(email=change.email if change else ""), 409) from error
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
            user.credentials_changed()  # every session and account link ends
            user.save(only=[User.active, User.session_epoch, User.credential_epoch])
            record(actor, user, "gedeactiveerd", f"Het account van {user.name} is gedeactiveerd.")
    return user


def reactivate(user_id, actor):
    """Open a closed account again (the person logs in with their old password; the links
    mailed before deactivating stay dead)."""
    with write_transaction():
        user = _locked_user(user_id)
        if user.active:
            raise Refused(f"Het account van {user.name} is al actief.", 409)
        with seats.change(user):  # their seats count again
            user.active = True
            user.save(only=[User.active])
            record(actor, user, "geactiveerd", f"Het account van {user.name} is weer actief.")
    return user
