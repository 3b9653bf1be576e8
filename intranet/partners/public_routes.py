"""A partner's public page: who they are, their published activities, what they contribute to
meetings, and how to reach them without an e-mail address on the page."""

from flask import abort, render_template

from intranet.activities.models import Activity, refusal
from intranet.models import Contact, Organisation, User
from intranet.network.models import Contribution, Meeting
from intranet.pages import Pages
from intranet.workflows.states import ContributionState, MeetingState, OrganisationStatus

pages = Pages()


@pages.get("/<int:organisation_id>/over")
def public_page(organisation_id):
    """A current partner's profile, coming activities, contributions to meetings, and
    contactpersoon by name."""
    organisation = Organisation.get_or_none(
        Organisation.id == organisation_id,
        Organisation.status.in_(OrganisationStatus.CURRENT),
    )
    if organisation is None:
        abort(404)
    contributions = list(
        Contribution.select(Contribution, Meeting)
        .join(Meeting)
        .where(
            Contribution.organisation == organisation.id,
            Contribution.state == ContributionState.ACCEPTED,
            Meeting.state == MeetingState.PUBLISHED,
        )
        .order_by(Meeting.starts_at.desc())
    )
    contacts = [
        name
        for (name,) in Contact.select(User.name)
        .join(User)
        .where(Contact.organisation == organisation.id, Contact.kind == "primary", User.active)
        .order_by(User.name)
        .tuples()
    ]
    activities = list(Activity.published().where(Activity.organisation == organisation.id))
    return render_template(
        "partners/public.html",
        organisation=organisation,
        activities=activities,
        offers_activities=not refusal(organisation),
        contributions=contributions,
        contacts=contacts,
    )
