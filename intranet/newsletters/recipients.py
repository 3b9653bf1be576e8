"""Who receives a newsletter for some werkvelden, and why: the one place this is decided.

- the contactpersonen (and achtervangen) of partners whose sector is one of the werkvelden;
- the contactpersonen of partners without pupils, basis or uitgebreid members: the
  projectplan gives both every newsletter (uitgebreid is basis and more);
- the people who chose the newsletter of one of the werkvelden (professionals, mostly).

Only active accounts with a confirmed address count, and never an address that unsubscribed
or bounced (MailAddress). One address gets one message, with every reason that applies.
"""

from intranet.models import WERKVELDEN, Contact, MailAddress, Organisation, User
from intranet.professionals.models import NewsletterSubscription
from intranet.workflows.states import OrganisationStatus

# memberships of partners without pupils, with their word in the reason (fees/rules.py)
ALL_NEWSLETTERS = {"basis": "basislid", "uitgebreid": "uitgebreid lid"}


def recipients(werkvelden):
    """[(email, name, reason)] sorted by address, for newsletters of these werkvelden."""
    reasons, names = {}, {}

    def add(user_email, user_name, reason):
        names.setdefault(user_email, user_name)
        reasons.setdefault(user_email, []).append(reason)

    people = User.active & User.email_confirmed_at.is_null(False)
    contacts = (
        Contact.select(
            User.email,
            User.name,
            Organisation.name,
            Organisation.sector,
            Organisation.membership_type,
        )
        .join(User)
        .switch(Contact)
        .join(Organisation)
        .where(
            people,
            Organisation.status.in_(OrganisationStatus.CURRENT),
            Organisation.sector.in_(list(werkvelden))
            | Organisation.membership_type.in_(list(ALL_NEWSLETTERS)),
        )
        .order_by(Organisation.name)
        .tuples()
    )  # fmt: skip
    for email, name, organisation, sector, membership in contacts:
        if sector in werkvelden:
            add(email, name, f"contactpersoon van {organisation} ({sector})")
        else:
            add(email, name, f"contactpersoon van {organisation} ({ALL_NEWSLETTERS[membership]})")
    subscribers = (
        NewsletterSubscription.select(User.email, User.name, NewsletterSubscription.werkveld)
        .join(User)
        .where(people, NewsletterSubscription.werkveld.in_(list(werkvelden)))
        .order_by(NewsletterSubscription.werkveld)
        .tuples()
    )
    for email, name, werkveld in subscribers:
        add(email, name, f"koos de nieuwsbrief {WERKVELDEN[werkveld]}")
    blocked = MailAddress.blocked()
    return [
        (email, names[email], "; ".join(reasons[email]))
        for email in sorted(reasons)
        if email not in blocked
    ]
