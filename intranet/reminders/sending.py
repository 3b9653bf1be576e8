"""Sending reminders: to projectgroep members who have not voted, to partners who have not
answered a round; automatically once before a vote's deadline, by hand at most once a day."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from peewee import fn

from intranet import mail
from intranet.admission.models import Application, Vote
from intranet.clock import now
from intranet.db import locked, write_transaction
from intranet.formats import moment_words
from intranet.glossary import REMINDED_TODAY
from intranet.models import Membership, Organisation, User
from intranet.refusals import Refused
from intranet.reminders.models import Reminder
from intranet.rounds.models import ConvenantPeriod, Round, contacts_of
from intranet.workflows.states import AdmissionState, RenewalState

BY_HAND_EVERY = timedelta(days=1)
ROUND_TEMPLATES = {
    "renewal": ("Herinnering: ondertekening convenant {period}", "renewal_reminder"),
    "vriend": ("Herinnering: uitnodiging vriend van LEF", "vriend_reminder"),
}


def non_voters(application):
    """Active projectgroep members who have not voted on the application, by name."""
    voted = Vote.select().where(Vote.application == application.id, Vote.member == User.id)
    return (
        User.select()
        .join(Membership)
        .where(Membership.group == "projectgroep", User.active, ~fn.EXISTS(voted))
        .order_by(User.name)
    )


def remind_voters(application, moment=None, actor=None):
    """Mail every member who has not voted yet and record it; returns how many were mailed."""
    people = list(non_voters(application))
    link = mail.external_url("votes.vote", case_id=application.id)
    for user in people:
        mail.queue(
            user.email,
            f"Herinnering: stemming {application.organisation.name}",
            "vote_reminder",
            user=user,
            application=application,
            link=link,
        )
    Reminder.create(
        subject="vote",
        subject_id=application.id,
        sent_at=moment or now(),
        sent_by=actor,
        recipients=len(people),
    )
    return len(people)


def remind_before_deadline(workflow, application, moment):
    """The admission workflow's timer: the automatic reminder, a few days before the deadline."""
    remind_voters(application, moment)


def vote_reminder_due(deadline, opened=None):
    """When the automatic reminder goes out for a vote with this deadline, or None (too short)."""
    days = current_app.config["VOTE_REMINDER_DAYS_BEFORE"]
    moment = deadline - timedelta(days=days)
    return moment if days > 0 and moment > (opened or now()) else None


def non_responders(round_):
    """(organisation, user, invitation id) of every contact of a partner that has not answered."""
    model = round_.invitation_model
    waiting = model.select(model.organisation).where(
        model.round == round_.id, model.state == RenewalState.INVITED
    )
    cases = dict(
        model.select(model.organisation, model.id)
        .where(model.round == round_.id, model.state == RenewalState.INVITED)
        .tuples()
    )
    return [(o, user, cases[o.id]) for o, user in contacts_of(waiting)]


def remind_round(round_, actor):
    """Mail the contactpersonen of every partner that has not answered; record it."""
    subject, template = ROUND_TEMPLATES[round_.kind]
    model = round_.invitation_model
    people = non_responders(round_)
    mail.queue_many(
        (
            user.email,
            subject.format(period=round_.period.name),
            template,
            {
                "user": user,
                "organisation": organisation,
                "round": round_,
                "link": mail.external_url(model.endpoint, case_id=case_id),
            },
        )
        for organisation, user, case_id in people
    )
    Reminder.create(subject="round", subject_id=round_.id, sent_by=actor, recipients=len(people))
    return len(people)


def _locked_subject(subject, subject_id):
    if subject == "vote":
        query = Application.select(Application, Organisation).join(Organisation)
        found = locked(query.where(Application.id == subject_id)).first()
        if found is None or found.vote_deadline is None:
            raise Refused("Deze stemming bestaat niet.", 404)
        if found.state != AdmissionState.VOTE:
            raise Refused("Deze stemming is al gesloten; herinneren is niet meer nodig.", 409)
        return found
    query = Round.select(Round, ConvenantPeriod).join(ConvenantPeriod)
    found = locked(query.where(Round.id == subject_id)).first()
    if found is None:
        raise Refused("Deze ronde bestaat niet.", 404)
    if not found.is_open:
        raise Refused("De termijn van deze ronde is verstreken; herinneren kan niet meer.", 409)
    return found


def remind_by_hand(subject, subject_id, actor):
    """The projectleider reminds the non-responders, at most once a day; returns the count."""
    with write_transaction():
        found = _locked_subject(subject, subject_id)
        last = Reminder.latest(subject, subject_id, by_hand=True)
        if last is not None and now() - last.sent_at < BY_HAND_EVERY:
            raise Refused(REMINDED_TODAY.format(moment_words(last.sent_at + BY_HAND_EVERY)), 409)
        if subject == "vote":
            return remind_voters(found, actor=actor)
        return remind_round(found, actor)


@dataclass
class ReminderState:
    """What the remind block shows: the last reminders and whether one may be sent now."""

    last: Reminder | None
    last_automatic: Reminder | None
    next_at: datetime | None  # when reminding by hand is possible again

    @property
    def may_remind(self):
        """True when no reminder was sent by hand in the last day."""
        return self.next_at is None


def reminder_state(subject, subject_id):
    """The remind block's state for a vote or round (two queries)."""
    last = Reminder.latest(subject, subject_id, by_hand=True)
    automatic = Reminder.latest(subject, subject_id, by_hand=False)
    next_at = (
        last.sent_at + BY_HAND_EVERY if last and now() - last.sent_at < BY_HAND_EVERY else None
    )
    return ReminderState(last, automatic, next_at)
