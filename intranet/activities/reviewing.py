"""Submitting, publishing, sending back and taking offline activities: every step in one
transaction with its audit record (the activity's timeline) and the mail it causes.

A contactpersoon of a partner with an uitgebreid membership submits an activity (ingediend);
the projectleiders are told. A projectleider publishes it (gepubliceerd: on the partner's
public page, and the newsletters may carry it) or sends it back with a reason
(teruggestuurd); the contactpersoon is told by mail either way, and may change a sent-back
activity and submit it again.

A published activity can be taken offline (offline gehaald) by the projectleider, with a
reason the contactpersoon gets by mail, or by a contactpersoon of its organisation. That is
final: it leaves the public page and the newsletters' choice, but a sent newsletter's archive
keeps it as it went out, so it is never changed again. To offer it again the contactpersoon
submits a new activity, filled in from this one.
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
NOT_CHANGEABLE = "Een gepubliceerde of offline gehaalde activiteit wordt niet meer gewijzigd."
ALREADY_OFFLINE = "Deze activiteit is al offline gehaald."
NOT_PUBLISHED = "Deze activiteit is nog niet gepubliceerd."
PARTNER_TEMPLATE = "activity_reviewed"
OFFLINE_TEMPLATE = "activity_offline"  # to the projectleiders, when a contactpersoon did it


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
    mail.queue_group(
        "projectleider",
        f"Activiteit te beoordelen: {activity.title}",
        "activity_submitted",
        activity=activity,
        url=mail.external_url("activities.show", activity_id=activity.id),
    )


def _tell_leaders_offline(activity, actor, reason):
    mail.queue_group(
        "projectleider",
        f"Activiteit offline gehaald: {activity.title}",
        OFFLINE_TEMPLATE,
        activity=activity,
        actor=actor,
        reason=reason,
        url=mail.external_url("activities.show", activity_id=activity.id),
    )


def public_url(activity):
    """The partner's public page, where a published activity shows (for mail)."""
    return mail.external_url("partners.public_page", organisation_id=activity.organisation_id)


def _partner_mail(activity, state, reason):
    """The mail that tells the contactpersoon the activity is now `state`: (subject, context)."""
    subject = f"Uw activiteit ‘{activity.title}’: {STATES[state].lower()}"
    context = {
        "activity": activity,
        "state": state,
        "reason": reason,
        "url": mail.external_url("activities.show", activity_id=activity.id),
        "public_url": public_url(activity),
    }
    return subject, context


def _tell_partner(activity, reason=""):
    if activity.submitted_by_id is None:
        return
    subject, context = _partner_mail(activity, activity.state, reason)
    mail.queue(activity.submitted_by.email, subject, PARTNER_TEMPLATE, **context)


def offline_notice(activity, actor, reason, leader):
    """Who is told when the activity goes offline, and what: ([(name, address)], (subject,
    body)) or nobody and no message. The projectleider's step tells the contactpersoon who
    submitted it; a contactpersoon's step tells the projectleiders."""
    if leader:
        if activity.submitted_by_id is None:
            return [], None
        person = activity.submitted_by
        subject, context = _partner_mail(activity, ActivityState.OFFLINE, reason)
        return [(person.name, person.email)], (subject, mail.render(PARTNER_TEMPLATE, **context))
    leaders = [(user.name, user.email) for user in User.in_group("projectleider")]
    subject = f"Activiteit offline gehaald: {activity.title}"
    url = mail.external_url("activities.show", activity_id=activity.id)
    body = mail.render(OFFLINE_TEMPLATE, activity=activity, actor=actor, reason=reason, url=url)
    return leaders, ((subject, body) if leaders else None)


def submit(form, actor, activity=None):
    """Submit a new activity, or a changed one again (not a published or offline one)."""
    with write_transaction():
        if activity is not None:
            activity = locked(Activity.select().where(Activity.id == activity.id)).get()
            if not activity.is_changeable:
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


def ensure_online(activity):
    """Refused (409) unless the activity is published: offline already, or not yet."""
    if not activity.is_published:
        offline = activity.state == ActivityState.OFFLINE
        raise Refused(ALREADY_OFFLINE if offline else NOT_PUBLISHED, 409)


def take_offline(activity_id, actor, reason="", leader=False):
    """Take a published activity offline for good; the contactpersoon is told when the
    projectleider (`leader`) does it, the projectleiders when a contactpersoon does.
    Refused (409) when it is not published (any more)."""
    with write_transaction():
        activity = locked(Activity.select().where(Activity.id == activity_id)).get_or_none()
        if activity is None:
            raise Refused("Deze activiteit bestaat niet.", 404)
        ensure_online(activity)
        activity.state = ActivityState.OFFLINE
        activity.save(only=[Activity.state])
        _record(actor, activity, ActivityState.PUBLISHED, "offline_halen", reason)
        if leader:
            _tell_partner(activity, reason)
        else:
            _tell_leaders_offline(activity, actor, reason)
    return activity
