"""Retention (AVG): `workflows tick` removes what is kept no longer than the settings say."""

from datetime import timedelta

from flask import current_app

from intranet import throttle
from intranet.clock import now
from intranet.models import FormAnswers, OutboxMessage, UsedLink

PRUNED_BODY = "[inhoud verwijderd na de bewaartermijn]"


def _link_cutoff(moment, keep):
    """Used links are kept at least as long as any link lives, so none becomes usable again."""
    longest = max(
        (
            v
            for k, v in current_app.config.items()
            if k.endswith("_MAX_AGE") and isinstance(v, timedelta)
        ),
        default=timedelta(0),
    )
    return moment - max(keep, longest + timedelta(days=1))


def prune(moment=None):
    """Remove what is kept no longer than the settings say; returns {what: count}."""
    moment = moment or now()
    config = current_app.config
    counts = {
        "login_attempts": throttle.prune(moment),
        "used_links": UsedLink.delete()
        .where(UsedLink.used_at < _link_cutoff(moment, config["KEEP_USED_LINKS"]))
        .execute(),
        "mail_bodies": OutboxMessage.update(body=PRUNED_BODY, html=None)
        .where(
            OutboxMessage.status.in_(["sent", "stored"]),
            OutboxMessage.sent_at < moment - config["KEEP_SENT_MAIL_BODIES"],
            OutboxMessage.body != PRUNED_BODY,
        )
        .execute(),
        "unsaved_forms": FormAnswers.delete()
        .where(FormAnswers.updated_at < moment - config["KEEP_UNSAVED_FORMS"])
        .execute(),
    }
    return counts
