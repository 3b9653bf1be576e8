"""E-mail to the people a round concerns: a partner's contactpersonen, a group."""

from intranet import mail
from intranet.models import Organisation
from intranet.rounds.models import contacts_of


def case_link(case):
    """The absolute link to an invitation's page, for e-mails."""
    return mail.external_url(case.endpoint, case_id=case.id)


def mail_contacts(case, subject, template, **context):
    """Queue a message to every contactpersoon of the case's organisation."""
    organisations = Organisation.select(Organisation.id).where(
        Organisation.id == case.organisation_id
    )
    for organisation, user in contacts_of(organisations):
        mail.queue(
            user.email,
            subject,
            template,
            user=user,
            organisation=organisation,
            case=case,
            link=case_link(case),
            **context,
        )
