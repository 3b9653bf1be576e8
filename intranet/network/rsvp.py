"""Answering an invitation: a seat while there is one, else the waiting list, in line.

Every seat decision re-reads the meeting under a write lock (BEGIN IMMEDIATE on SQLite,
SELECT ... FOR UPDATE on PostgreSQL), so two people taking the last seat at the same moment
get one seat and one waiting-list place. A seat that frees up goes to the first on the
waiting list, who gets a mail.
"""

from intranet import mail
from intranet.clock import now
from intranet.db import locked, write_transaction
from intranet.network import links
from intranet.network.models import KOMT, KOMT_NIET, WACHTLIJST, Invitation, Meeting
from intranet.refusals import Refused
from intranet.workflows.states import MeetingState

NOT_OPEN = "Deze bijeenkomst staat niet (meer) open voor aanmeldingen. Er is niets gewijzigd."
STARTED = "De bijeenkomst is al begonnen; antwoorden kan niet meer. Er is niets gewijzigd."
NOT_INVITED = "U bent niet uitgenodigd voor deze bijeenkomst. Er is niets gewijzigd."
UNKNOWN = "Deze bijeenkomst bestaat niet (meer)."
CHOICES = {KOMT, KOMT_NIET}


def lock_meeting(meeting_id):
    """The meeting, re-read with its row locked for this transaction."""
    meeting = locked(Meeting.select().where(Meeting.id == meeting_id)).get_or_none()
    if meeting is None:
        raise Refused(UNKNOWN, 404)
    return meeting


def coming(meeting):
    """How many have a seat."""
    return (
        Invitation.select()
        .where(Invitation.meeting == meeting.id, Invitation.answer == KOMT)
        .count()
    )


def is_full(meeting):
    """True when every seat is taken."""
    return meeting.capacity is not None and coming(meeting) >= meeting.capacity


def answer(meeting_id, user_id, choice, before_commit=None):
    """Record komt or komt niet for a person; returns the invitation as it now stands.

    A person not invited may only say komt to a public meeting (that invites them). Raises
    Refused when the meeting is not open, has started, or the person is not invited.
    `before_commit` runs inside the transaction (a single-use link is used up there).
    """
    if choice not in CHOICES:
        raise Refused("Kies ‘ik kom’ of ‘ik kom niet’.")
    with write_transaction():
        meeting = lock_meeting(meeting_id)
        if meeting.state != MeetingState.PUBLISHED:
            raise Refused(NOT_OPEN, 409)
        if meeting.has_started:
            raise Refused(STARTED, 409)
        invitation = Invitation.get_or_none(
            Invitation.meeting == meeting.id, Invitation.user == user_id
        )
        if invitation is None:
            if meeting.audience != "publiek" or choice != KOMT:
                raise Refused(NOT_INVITED, 403)
            invitation = Invitation.create(meeting=meeting, user=user_id)
        previous = invitation.answer
        if choice == KOMT and previous not in (KOMT, WACHTLIJST):
            waiting = is_full(meeting)
            invitation.answer = WACHTLIJST if waiting else KOMT
            invitation.waiting_since = now() if waiting else None
        elif choice == KOMT_NIET:
            invitation.answer, invitation.waiting_since = KOMT_NIET, None
        invitation.answered_at = now()
        invitation.save()
        if previous == KOMT and invitation.answer != KOMT:
            fill_free_seats(meeting)
        if before_commit:
            before_commit()
    return invitation


def fill_free_seats(meeting):
    """Give free seats to the first on the waiting list, each with a mail (in the lock)."""
    free = None if meeting.capacity is None else meeting.capacity - coming(meeting)
    line = Invitation.waiting_list(meeting)
    if free is not None:
        line = line.limit(max(free, 0))
    for invitation in list(line):
        invitation.answer, invitation.waiting_since = KOMT, None
        invitation.save(only=[Invitation.answer, Invitation.waiting_since])
        mail.queue(
            invitation.user.email,
            f"Er is een plaats vrij: {meeting.title}",
            "network_seat",
            meeting=meeting,
            person=invitation.user,
            meeting_url=mail.external_url("network.meeting", case_id=meeting.id),
            answer_url=links.answer_url(invitation),
        )


def change_capacity(meeting_id, capacity):
    """Set a meeting's capacity (None: no limit); never below the number already coming."""
    with write_transaction():
        meeting = lock_meeting(meeting_id)
        taken = coming(meeting)
        if capacity is not None and capacity < taken:
            raise Refused(f"Er komen al {taken} mensen; de capaciteit kan niet lager dan {taken}.")
        meeting.capacity = capacity
        meeting.save(only=[Meeting.capacity])
        if meeting.state == MeetingState.PUBLISHED:
            fill_free_seats(meeting)
    return meeting


def mark_attendance(meeting, invitation_id, present):
    """Record whether an invitee was there; the meeting must have begun."""
    if not meeting.has_started:
        raise Refused("Aanwezigheid noteert u vanaf het begin van de bijeenkomst.", 409)
    invitation = Invitation.get_or_none(
        Invitation.id == invitation_id, Invitation.meeting == meeting.id
    )
    if invitation is None:
        raise Refused("Deze persoon staat niet op de lijst van deze bijeenkomst.", 404)
    invitation.attended = present
    invitation.save(only=[Invitation.attended])
    return invitation
