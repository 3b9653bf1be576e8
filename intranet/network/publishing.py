"""Who a meeting invites, and what publishing, reminding and calling off send.

Invitations are written and their mails queued in bulk (a few INSERTs for thousands of
invitees); `workflows tick` delivers them. The reminder the day before is a deadline of the
meeting's case, so tick sends it exactly once however often it runs.
"""

from flask import current_app
from peewee import chunked

from intranet import mail
from intranet.clock import now
from intranet.models import Contact, Organisation, User
from intranet.network.links import answer_url
from intranet.network.models import (
    KOMT,
    KOMT_NIET,
    WACHTLIJST,
    Invitation,
    MeetingNetwork,
    Network,
    NetworkMember,
    Registration,
)
from intranet.workflows import engine
from intranet.workflows.states import OrganisationStatus

PARTNER_STATUSES = OrganisationStatus.CURRENT
VRIEND_STATUSES = (OrganisationStatus.VRIEND,)
TALENTONTWIKKELING = "talentontwikkeling"  # vrienden keep being invited to its meetings
BATCH = 200


def _contacts_of(statuses):
    """The accounts speaking for organisations with these statuses (a subquery of ids)."""
    return Contact.select(Contact.user).join(Organisation).where(Organisation.status.in_(statuses))


def named_addresses(text):
    """The e-mail addresses in a meeting's list of named people, normalised."""
    return sorted({line.strip().lower() for line in text.splitlines() if line.strip()})


def audience_ids(meeting):
    """The ids of every active account the meeting invites (public meetings: nobody yet)."""
    audience = meeting.audience
    if audience == "contactpersonen":
        people = User.id.in_(_contacts_of(PARTNER_STATUSES))
    elif audience == "vrienden":
        people = User.id.in_(_contacts_of(VRIEND_STATUSES))
    elif audience == "netwerken":
        chosen = MeetingNetwork.select(MeetingNetwork.network).where(
            MeetingNetwork.meeting == meeting.id
        )
        members = NetworkMember.select(NetworkMember.user).where(NetworkMember.network.in_(chosen))
        people = User.id.in_(members)
        talent = Network.select().where(Network.id.in_(chosen), Network.slug == TALENTONTWIKKELING)
        if talent.exists():  # the June 2022 letter: vrienden stay invited to these
            people |= User.id.in_(_contacts_of(VRIEND_STATUSES))
    elif audience == "personen":
        people = User.email.in_(named_addresses(meeting.named_emails))
    else:
        return []
    query = User.select(User.id).where(people, User.active).order_by(User.id)
    return [user_id for (user_id,) in query.tuples()]


def publish(event):
    """Invite the audience and queue one mail each with its own answer link; plan the reminder.

    Runs in the engine's transaction when the meeting is published.
    """
    meeting = event.case
    meeting.published_at = now()
    meeting.save(only=[type(meeting).published_at])
    invite(meeting, audience_ids(meeting))
    due = meeting.starts_at - current_app.config["MEETING_REMINDER_BEFORE"]
    if due > now():
        engine.schedule(event.workflow, meeting, "herinneren", due)


def invite(meeting, user_ids):
    """Invitations for these people (those invited already are left alone) and their mails."""
    invited = {
        u
        for (u,) in Invitation.select(Invitation.user)
        .where(Invitation.meeting == meeting.id)
        .tuples()
    }
    new = [user_id for user_id in user_ids if user_id not in invited]
    for batch in chunked(new, BATCH):
        Invitation.insert_many([{"meeting": meeting.id, "user": u} for u in batch]).execute()
    _mail(
        meeting,
        Invitation.select(Invitation, User)
        .join(User)
        .where(Invitation.meeting == meeting.id, Invitation.user.in_(new)),
        f"Uitnodiging: {meeting.title}",
        "network_invitation",
    )
    return len(new)


def _mail(meeting, invitations, subject, template):
    """Queue one mail per invitation in bulk, each with its own answer link."""
    meeting_url = mail.external_url("network.meeting", case_id=meeting.id)
    ics_url = mail.external_url("network.ics", meeting_id=meeting.id)
    mail.queue_many(
        (
            invitation.user.email,
            subject,
            template,
            {
                "meeting": meeting,
                "person": invitation.user,
                "invitation": invitation,
                "meeting_url": meeting_url,
                "ics_url": ics_url,
                "answer_url": answer_url(invitation),
            },
        )
        for invitation in invitations
    )


def remind(workflow, meeting, moment):
    """The day before: remind everyone coming who was not reminded yet (a tick timer)."""
    due = (
        Invitation.select(Invitation, User)
        .join(User)
        .where(
            Invitation.meeting == meeting.id,
            Invitation.answer == KOMT,
            Invitation.reminded_at.is_null(),
        )
    )
    due = list(due)
    _mail(meeting, due, f"Herinnering: {meeting.title}", "network_reminder")
    ids = [invitation.id for invitation in due]
    for batch in chunked(ids, BATCH):
        Invitation.update(reminded_at=moment).where(Invitation.id.in_(batch)).execute()


def call_off(event):
    """Tell everyone who had not declined that the meeting is called off."""
    meeting = event.case
    engine.cancel_deadlines(event.workflow, meeting)
    told = (
        Invitation.select(Invitation, User)
        .join(User)
        .where(Invitation.meeting == meeting.id, Invitation.answer != KOMT_NIET)
    )
    guests = Registration.select().where(
        Registration.meeting == meeting.id,
        Registration.answer.in_([KOMT, WACHTLIJST]),
        Registration.email != "",
    )
    people = [(i.user.email, i.user) for i in told] + [(g.email, g) for g in guests]
    mail.queue_many(
        (
            email,
            f"Afgelast: {meeting.title}",
            "network_called_off",
            {"meeting": meeting, "person": person, "reason": event.comment},
        )
        for email, person in people
    )
