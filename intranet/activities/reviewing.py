"""Submitting, publishing and sending back activities: every step in one transaction with
its audit record (the activity's timeline) and the mail it causes.

A contactpersoon of a partner with an uitgebreid membership submits an activity (ingediend);
the projectleiders are told. A projectleider publishes it (gepubliceerd: on the partner's
public page, and the newsletters may carry it) or sends it back with a reason
(teruggestuurd); the contactpersoon is told by mail either way, and may change a sent-back
activity and submit it again.
"""

from intranet import mail
from intranet.activities.models import STATES, Activity
from intranet.clock import now
from intranet.db import locked, write_transaction
from intranet.models import User
from intranet.refusals import Refused
from intranet.workflows.models import AuditEvent
from intranet.workflows.states import ActivityState

TRAIL = "activiteit"
HANDLED = "Deze activiteit is al beoordeeld."
NOT_CHANGEABLE = "Een gepubliceerde activiteit kan niet meer worden gewijzigd."


def _record(actor, activity, source, what, comment=""):
    AuditEvent.write(TRAIL, activity.id, source, activity.state, what, actor, actor.name, comment)


def timeline(activity):
    """The activity's audit records, oldest first, with their state labels."""
    return [
        (event, STATES.get(event.to_state, event.to_state))
        for event in AuditEvent.for_case(TRAIL, activity.id)
    ]


def _fill(activity, form):
    activity.organisation = form.organisation_id
    activity.title, activity.audience = form.title.data, form.audience.data
    activity.werkveld = form.werkveld.data
    activity.starts_on, activity.ends_on = form.starts_on.data, form.ends_on.data
    activity.link = form.link.data or ""
    activity.description = form.description.data.replace("\r\n", "\n")


def _tell_leaders(activity):
    url = mail.external_url("activities.show", activity_id=activity.id)
    for leader in User.in_group("projectleider"):
        mail.queue(
            leader.email,
            f"Activiteit te beoordelen: {activity.title}",
            "activity_submitted",
            activity=activity,
            url=url,
        )


def public_url(activity):
    """The partner's public page, where a published activity shows (for mail)."""
    return mail.external_url("partners.public_page", organisation_id=activity.organisation_id)


def _tell_partner(activity, reason=""):
    if activity.submitted_by_id is None:
        return
    mail.queue(
        activity.submitted_by.email,
        f"Uw activiteit ‘{activity.title}’: {activity.state_label.lower()}",
        "activity_reviewed",
        activity=activity,
        reason=reason,
        url=mail.external_url("activities.show", activity_id=activity.id),
        public_url=public_url(activity),
    )


def submit(form, actor, activity=None):
    """Submit a new activity, or a changed one again (not a published one)."""
    with write_transaction():
        if activity is not None:
            activity = locked(Activity.select().where(Activity.id == activity.id)).get()
            if activity.is_published:
                raise Refused(NOT_CHANGEABLE, 409)
        activity = activity or Activity(submitted_by=actor.id)
        source = activity.state if activity.id else None
        _fill(activity, form)
        activity.state, activity.submitted_by = ActivityState.SUBMITTED, actor.id
        activity.save()
        _record(actor, activity, source, "indienen" if source is None else "opnieuw_indienen")
        _tell_leaders(activity)
    return activity


def _decide(activity_id, actor, state, trigger, reason=""):
    with write_transaction():
        activity = locked(Activity.select().where(Activity.id == activity_id)).get_or_none()
        if activity is None:
            raise Refused("Deze activiteit bestaat niet.", 404)
        if activity.state != ActivityState.SUBMITTED:
            raise Refused(HANDLED, 409)
        activity.state = state
        activity.published_at = now() if state == ActivityState.PUBLISHED else None
        activity.save(only=[Activity.state, Activity.published_at])
        _record(actor, activity, ActivityState.SUBMITTED, trigger, reason)
        _tell_partner(activity, reason)
    return activity


def publish(activity_id, actor):
    """Publish a submitted activity; the contactpersoon is told."""
    return _decide(activity_id, actor, ActivityState.PUBLISHED, "publiceren")


def send_back(activity_id, actor, reason):
    """Send a submitted activity back with a reason; the contactpersoon is told."""
    return _decide(activity_id, actor, ActivityState.RETURNED, "terugsturen", reason)
