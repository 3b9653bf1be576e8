"""Composing, previewing, testing and sending a newsletter.

Sending happens once, after the projectleider confirms, in one transaction with its audit
record: every recipient gets a row with the secret of their own unsubscribe link, and one
message in the outbox (HTML with a plain-text part, List-Unsubscribe and
List-Unsubscribe-Post for one-click unsubscribing, RFC 8058), written in bulk and delivered
by `workflows tick` in batches. A newsletter with no recipients cannot be sent.
"""

import secrets

from intranet import mail
from intranet.activities import reviewing
from intranet.activities.models import Activity
from intranet.clock import now
from intranet.db import locked, write_transaction
from intranet.models import MailAddress
from intranet.network.models import Meeting
from intranet.news.models import NewsItem
from intranet.newsletters.models import CONCEPT, VERZONDEN, Newsletter, NewsletterRecipient
from intranet.newsletters.recipients import recipients
from intranet.refusals import Refused
from intranet.workflows.definition import SYSTEM
from intranet.workflows.models import AuditEvent

TRAIL = "nieuwsbrief"
TEMPLATE = "newsletter"
NO_RECIPIENTS = "Deze nieuwsbrief heeft geen ontvangers; kies andere werkvelden."
ALREADY_SENT = "Deze nieuwsbrief is al verstuurd."


def _record(actor, newsletter, what, comment=""):
    label = actor.name if actor is not None else SYSTEM
    AuditEvent.write(TRAIL, newsletter.id, None, what, what, actor, label, comment, {})


def choices():
    """{"news", "meetings", "activities"}: the published items the projectleider may choose
    from (news, coming public meetings, partners' coming activities)."""
    return {
        "news": list(NewsItem.published().limit(50)),
        "meetings": list(Meeting.upcoming_public()),
        "activities": list(Activity.published()),
    }


def _joined(ids):
    return " ".join(str(i) for i in sorted(set(ids or [])))


def save(form, actor, newsletter=None):
    """Create or change a concept from a valid form."""
    with write_transaction():
        newsletter = newsletter or Newsletter(created_by=actor.id)
        if newsletter.state != CONCEPT:
            raise Refused(ALREADY_SENT, 409)
        newsletter.subject = form.subject.data
        newsletter.introduction = form.introduction.data.replace("\r\n", "\n")
        newsletter.werkvelden = " ".join(sorted(set(form.werkvelden.data)))
        newsletter.news_ids = _joined(form.news.data)
        newsletter.meeting_ids = _joined(form.meetings.data)
        newsletter.activity_ids = _joined(form.activities.data)
        created = newsletter.id is None
        newsletter.save()
        _record(actor, newsletter, "aangemaakt" if created else "gewijzigd")
    return newsletter


def _activities(newsletter):
    """The partners' activities a newsletter carries: a concept those still published (one
    taken offline since drops out), a sent one those it went out with."""
    ids = newsletter.activity_id_list
    return Activity.published_among(ids) if newsletter.is_concept else Activity.among(ids)


def context(newsletter, unsubscribe_url=None):
    """What the newsletter's templates show: the introduction, the items, the meetings, the
    partners' activities."""
    news = list(NewsItem.published().where(NewsItem.id.in_(newsletter.news_id_list or [0])))
    meetings = list(
        Meeting.select().where(Meeting.id.in_(newsletter.meeting_id_list or [0]))
        .order_by(Meeting.starts_at)
    )  # fmt: skip
    return {
        "newsletter": newsletter,
        "news": [(item, mail.external_url("news.show", item_id=item.id)) for item in news],
        "meetings": [
            (meeting, mail.external_url("network.public_meeting", meeting_id=meeting.id))
            for meeting in meetings
        ],
        "activities": [
            (activity, reviewing.public_url(activity)) for activity in _activities(newsletter)
        ],
        "archive_url": mail.external_url("newsletters.archived", newsletter_id=newsletter.id),
        "profile_url": mail.external_url("professionals.profile"),
        "unsubscribe_url": unsubscribe_url,
    }


def _headers(url):
    return {"List-Unsubscribe": f"<{url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}


def unsubscribe_url(code):
    """The one-click unsubscribe link of one recipient."""
    return mail.external_url("newsletters.unsubscribe", token=code)


def send_test(newsletter, user):
    """The newsletter exactly as sent, to the projectleider only (its unsubscribe link is a
    sample that opens nothing)."""
    url = unsubscribe_url("voorbeeld")
    mail.queue(
        user.email,
        f"[Test] {newsletter.subject}",
        TEMPLATE,
        html_template=TEMPLATE,
        headers=_headers(url),
        **context(newsletter, url),
    )


def send(newsletter_id, actor):
    """Send to every recipient once; returns how many. Refused when sent already or empty."""
    with write_transaction():
        newsletter = locked(Newsletter.select().where(Newsletter.id == newsletter_id)).get()
        if newsletter.state != CONCEPT:
            raise Refused(ALREADY_SENT, 409)
        people = recipients(newsletter.werkveld_list)
        if not people:
            raise Refused(NO_RECIPIENTS)
        rows = [
            NewsletterRecipient(
                newsletter=newsletter.id,
                email=email,
                name=name,
                reason=reason,
                code=secrets.token_urlsafe(24),
            )
            for email, name, reason in people
        ]
        NewsletterRecipient.bulk_create(rows, batch_size=200)
        shared, messages = context(newsletter), []
        for row in rows:
            url = unsubscribe_url(row.code)
            extras = {"html_template": TEMPLATE, "headers": _headers(url)}
            values = {**shared, "unsubscribe_url": url, "person": row}
            messages.append((row.email, newsletter.subject, TEMPLATE, values, extras))
        mail.queue_many(messages)
        # the archive shows the activities it went out with, not one taken offline before
        newsletter.activity_ids = _joined(activity.id for activity, _ in shared["activities"])
        newsletter.state, newsletter.sent_at = VERZONDEN, now()
        newsletter.save(only=[Newsletter.state, Newsletter.sent_at, Newsletter.activity_ids])
        _record(actor, newsletter, "verzonden", f"{len(rows)} ontvangers")
    return len(rows)


def unsubscribe(code):
    """Unsubscribe the address of a recipient's link (one click, no login)."""
    row = NewsletterRecipient.get_or_none(NewsletterRecipient.code == code)
    if row is None:
        return None
    MailAddress.unsubscribe(row.email)
    return row
