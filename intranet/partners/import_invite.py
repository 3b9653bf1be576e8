"""The e-mails of an import: an invitation link for each new person, a note for people who
already have an account; rendered in one request context and queued in bulk."""

from flask import current_app, has_request_context
from peewee import chunked

from intranet import mail, security
from intranet.models import Organisation, User
from intranet.partners.contacts import INVITE


def invite(invited, actor):
    """Invitation links for new people, a note for people with an account; in bulk."""
    if not invited:
        return
    if not has_request_context():
        with current_app.test_request_context(base_url=current_app.config["BASE_URL"]):
            return invite(invited, actor)
    names = {}
    for batch in chunked(sorted({org for _user, org, _kind in invited}), 500):
        query = Organisation.select(Organisation.id, Organisation.name)
        names.update(query.where(Organisation.id.in_(batch)).tuples())
    days = current_app.config["PARTNER_INVITE_MAX_AGE"].days
    inviter = actor or User(name="De projectleider")
    messages = []
    for user, organisation_id, kind in invited:
        organisation = Organisation(id=organisation_id, name=names[organisation_id])
        context = {"user": user, "organisation": organisation, "inviter": inviter, "kind": kind}
        if user.password_hash:
            link = mail.external_url("partners.show", organisation_id=organisation_id)
            subject = f"U bent contactpersoon van {organisation.name}"
            messages.append((user.email, subject, "partner_added", {**context, "link": link}))
        else:
            link = mail.external_url(
                "partners.accept_invite", token=security.account_link(INVITE, user)
            )
            subject = f"Uitnodiging: contactpersoon van {organisation.name}"
            context.update(link=link, days=days)
            messages.append((user.email, subject, "partner_invite", context))
    mail.queue_many(messages)
