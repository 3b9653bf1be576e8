"""Who speaks for a partner: invite a colleague, choose the achtervang, remove someone."""

from flask import current_app
from peewee import IntegrityError

from intranet import mail, security
from intranet.auth.accounts import create_user
from intranet.db import db, locked, write_transaction
from intranet.glossary import CONTACT_KINDS
from intranet.models import Contact, Organisation, User
from intranet.refusals import Refused

INVITE = "partner-invite"
JUST_INVITED = "Dit adres is zojuist ook door een ander uitgenodigd. Probeer het opnieuw."
GONE = "Deze persoon is al geen contactpersoon meer van deze organisatie."
ALREADY_CONTACT = "{name} is al contactpersoon van {organisation}."
ALREADY_ACHTERVANG = "{name} is al de achtervang."
ALREADY_PRIMARY = "{name} is al contactpersoon."
LAST_CONTACT = (
    "{name} kan niet worden verwijderd: {organisation} moet minstens één contactpersoon "
    "houden. Nodig eerst een collega uit of maak de achtervang contactpersoon."
)
LAST_PRIMARY = (
    "{name} is de enige contactpersoon van {organisation} en kan daarom geen achtervang "
    "worden. Nodig eerst een collega uit als contactpersoon."
)


def _lock(organisation):
    """Serialise every change to one organisation's contactpersonen."""
    locked(Organisation.select().where(Organisation.id == organisation.id)).get()


def _contact(organisation, contact_id):
    contact = (
        Contact.select(Contact, User)
        .join(User)
        .where(Contact.id == contact_id, Contact.organisation == organisation.id)
        .first()
    )
    if contact is None:
        raise Refused(GONE, 409)
    return contact


def _primaries(organisation):
    query = Contact.select().where(
        Contact.organisation == organisation.id, Contact.kind == "primary"
    )
    return query.count()


def sole_primary(contacts):
    """The id of a partner's only contactpersoon (of its contacts), or None: the page offers
    no "Verwijderen" for them (remove refuses it), nor "Maak achtervang" while there is no
    achtervang to swap with (make_achtervang refuses that)."""
    primaries = [contact.id for contact in contacts if contact.kind == "primary"]
    return primaries[0] if len(primaries) == 1 else None


def _words(contact, organisation):
    return {"name": contact.user.name, "organisation": organisation.name}


def invite(organisation, name, email, kind, inviter):
    """Add a colleague as contactpersoon or achtervang; new people get an account by e-mail."""
    with write_transaction():
        _lock(organisation)
        user = User.by_email(email)
        if user and Contact.get_or_none(organisation=organisation.id, user=user.id):
            raise Refused(ALREADY_CONTACT.format(name=user.name, organisation=organisation.name))
        if user:
            user.reclaim_if_unconfirmed()
        if user is None:
            try:
                with db.atomic():
                    user = create_user(email, name)
            except IntegrityError as error:  # another partner invited this address just now
                raise Refused(JUST_INVITED, 409) from error
        if kind == "achtervang":
            _demote_achtervang(organisation)
        Contact.create(organisation=organisation, user=user, kind=kind)
        _tell(user, organisation, kind, inviter)
    return user


def _demote_achtervang(organisation):
    """The organisation has one achtervang: the earlier one becomes a contactpersoon."""
    Contact.update(kind="primary").where(
        Contact.organisation == organisation.id, Contact.kind == "achtervang"
    ).execute()


def _tell(user, organisation, kind, inviter):
    """Mail the new contact: a link to choose a password, or a note that they were added."""
    context = {"user": user, "organisation": organisation, "inviter": inviter, "kind": kind}
    role = CONTACT_KINDS[kind].lower()  # an achtervang is never told they are contactpersoon
    if user.password_hash:
        link = mail.external_url("partners.show", organisation_id=organisation.id)
        subject = f"U bent {role} van {organisation.name}"
        mail.queue(user.email, subject, "partner_added", link=link, **context)
        return
    link = mail.external_url("partners.accept_invite", token=security.account_link(INVITE, user))
    days = current_app.config["PARTNER_INVITE_MAX_AGE"].days
    subject = f"Uitnodiging: {role} van {organisation.name}"
    mail.queue(user.email, subject, "partner_invite", link=link, days=days, **context)


def make_achtervang(organisation, contact_id):
    """Make someone the achtervang; the earlier achtervang becomes a contactpersoon."""
    with write_transaction():
        _lock(organisation)
        contact = _contact(organisation, contact_id)
        if contact.kind == "achtervang":
            raise Refused(ALREADY_ACHTERVANG.format(**_words(contact, organisation)), 409)
        had_backup = Contact.select().where(
            Contact.organisation == organisation.id, Contact.kind == "achtervang"
        )
        if _primaries(organisation) == 1 and not had_backup.exists():
            raise Refused(LAST_PRIMARY.format(**_words(contact, organisation)))
        _demote_achtervang(organisation)
        contact.kind = "achtervang"
        contact.save(only=[Contact.kind])
    return contact


def make_primary(organisation, contact_id):
    """Make the achtervang an ordinary contactpersoon (the partner then has no achtervang)."""
    with write_transaction():
        _lock(organisation)
        contact = _contact(organisation, contact_id)
        if contact.kind == "primary":
            raise Refused(ALREADY_PRIMARY.format(**_words(contact, organisation)), 409)
        contact.kind = "primary"
        contact.save(only=[Contact.kind])
    return contact


def remove(organisation, contact_id):
    """Remove a contact; the last contactpersoon of a partner cannot be removed."""
    with write_transaction():
        _lock(organisation)
        contact = _contact(organisation, contact_id)
        if contact.kind == "primary" and _primaries(organisation) == 1:
            raise Refused(LAST_CONTACT.format(**_words(contact, organisation)))
        contact.delete_instance()
    return contact
