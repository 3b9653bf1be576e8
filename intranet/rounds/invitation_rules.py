"""What renewal and vriend invitations share: who answers, until when, declining, expiring,
reminders, closing up."""

from flask import current_app

from intranet.clock import now
from intranet.rounds import notify
from intranet.workflows import engine
from intranet.workflows.definition import SYSTEM, Condition, Timer, Transition

OWN = "eigen_contactpersoon"  # a contactpersoon of the case's own organisation
CONTACT = frozenset({OWN})
LATE = "De termijn is verstreken."


def own_contact(case, user):
    """A contactpersoon of the invited organisation holds the OWN role on its case."""
    return {OWN} if case.organisation_id in user.organisation_ids else set()


def may_view(case, user):
    """The projectleider, the regiegroep and the organisation's own contactpersonen."""
    return user.has_role("projectleider", "regiegroep") or bool(own_contact(case, user))


def before_deadline(case, context):
    """The round's deadline has not passed."""
    return case.round.is_open


def stamp_answer(event):
    """Note on the case who answered and when (the caller saves)."""
    event.case.answered_at = now()
    event.case.answered_by = event.actor


def record_answer(event):
    """Keep who answered, when, and the reason for declining if one was given."""
    stamp_answer(event)
    event.case.decline_reason = event.comment.strip()
    event.case.save()


def decline(trigger, label, states, form_endpoint):
    """A contactpersoon declines before the deadline, with an optional reason."""
    return Transition(
        trigger,
        states.INVITED,
        states.DECLINED,
        label,
        CONTACT,
        conditions=(Condition(before_deadline, LATE),),
        after=(record_answer,),
        comment="optional",
        comment_label="Reden",
        style="secondary",
        form_endpoint=form_endpoint,
    )


def expiry(states):
    """Unanswered at the deadline, the case expires (`workflows tick` takes this step)."""
    return Transition(
        "verlopen", states.INVITED, states.EXPIRED, "Termijn verstreken", frozenset({SYSTEM})
    )


def close(event):
    """An answered or expired case needs no more reminders or deadline."""
    engine.cancel_deadlines(event.workflow, event.case)


def reminders(states, setting, subject, template):
    """While invited, remind the contactpersonen every `setting` until the deadline."""

    def remind(workflow, case, moment):
        round_ = case.round
        notify.mail_contacts(
            case, subject.format(period=round_.period.name), template, round=round_
        )
        following = moment + current_app.config[setting]
        if following < round_.deadline:
            engine.schedule(workflow, case, "herinneren", following)

    return Timer("herinneren", (states.INVITED,), remind)
