"""A professional's account: signing up for an organisation, newsletters, being removed.

A professional of a partner or vriend signs up with a name, an e-mail address, a password
and the organisation; the account holds no role until the address is confirmed through the
mailed link (auth.confirm_email). Signing up with an address that already has an account
changes nothing and mails its owner instead, so the page tells nobody who has an account.
The organisation's contactpersonen (and the projectleider) may remove a professional: the
account stays, its link to the organisation and its network memberships go.
"""

from intranet import mail
from intranet.auth.accounts import create_user, send_confirmation
from intranet.db import write_transaction
from intranet.models import EDUCATION_WERKVELDEN, MailAddress, Organisation, Professional, User
from intranet.network.models import NetworkMember
from intranet.people import audit
from intranet.professionals.models import NewsletterSubscription
from intranet.refusals import Refused
from intranet.workflows.states import OrganisationStatus

JOINABLE = (*OrganisationStatus.CURRENT, OrganisationStatus.VRIEND)


def organisations():
    """Partners and vrienden by name: the organisations a professional may sign up for."""
    return (
        Organisation.select().where(Organisation.status.in_(JOINABLE)).order_by(Organisation.name)
    )


def default_werkvelden(organisation):
    """The newsletter a new professional gets first: their organisation's werkveld, if any."""
    return [organisation.sector] if organisation.sector in EDUCATION_WERKVELDEN else []


def sign_up(name, email, password, organisation_id):
    """Make an unconfirmed account linked to the organisation and mail the confirmation link;
    for a known address only mail its owner. Returns nothing the page may show."""
    organisation = organisations().where(Organisation.id == organisation_id).first()
    if organisation is None:
        raise Refused("Kies een organisatie uit de lijst.", field="organisation")
    with write_transaction():
        known = User.by_email(email)
        if known is not None:
            mail.queue(known.email, "Er is al een account", "professional_known", user=known)
            return
        user = create_user(email, name, password)
        Professional.create(user=user, organisation=organisation)
        for werkveld in default_werkvelden(organisation):
            NewsletterSubscription.create(user=user, werkveld=werkveld)
        audit.record(user, user, "account_aangemaakt", f"Professional van {organisation.name}")
        send_confirmation(user)


def set_newsletters(user, werkvelden):
    """Receive exactly the newsletters of these werkvelden (choosing any undoes an earlier
    unsubscribe of the address; a bounced address stays marked)."""
    with write_transaction():
        NewsletterSubscription.delete().where(NewsletterSubscription.user == user.id).execute()
        rows = [{"user": user.id, "werkveld": w} for w in sorted(set(werkvelden))]
        if rows:
            NewsletterSubscription.insert_many(rows).execute()
            # choosing newsletters again undoes an earlier unsubscribe of the address
            MailAddress.update(unsubscribed_at=None).where(
                MailAddress.email == user.email
            ).execute()


def remove(organisation, user_id, actor):
    """Take a professional off the organisation (and out of the networks they joined)."""
    with write_transaction():
        link = Professional.get_or_none(
            Professional.organisation == organisation.id, Professional.user == user_id
        )
        if link is None:
            raise Refused("Deze persoon is (al) geen professional van deze organisatie.", 409)
        person = User.get_by_id(user_id)
        link.delete_instance()
        NetworkMember.delete().where(
            NetworkMember.user == user_id, ~NetworkMember.zichthouder
        ).execute()
        audit.record(actor, person, "professional_verwijderd", organisation.name)
    return person
