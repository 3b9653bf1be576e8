"""Answering an invitation: a seat while there is one, else the waiting list, in line.

Seats are taken by invitees who come, by confirmed public registrations (and walk-ins), and
for a short while (MEETING_REGISTRATION_HOLD) by a public registration waiting for its
confirmation; one waiting list holds invitees and registrations in the order they joined it.
Every seat decision re-reads the meeting under a write lock (BEGIN IMMEDIATE on SQLite,
SELECT ... FOR UPDATE on PostgreSQL), so two people taking the last seat at the same moment
get one seat and one waiting-list place. A seat that frees up goes to the first on the
waiting list, who gets a mail.
"""

from flask import current_app

from intranet import mail
from intranet.clock import now
from intranet.db import locked, write_transaction
from intranet.network import links
from intranet.network.models import (
    KOMT,
    KOMT_NIET,
    ONBEVESTIGD,
    WACHTLIJST,
    Invitation,
    Meeting,
    Registration,
)
from intranet.refusals import Refused
from intranet.workflows.states import MeetingState

NOT_OPEN = "Deze bijeenkomst staat niet (meer) open voor aanmeldingen. Er is niets gewijzigd."
STARTED = "De bijeenkomst is al begonnen; antwoorden kan niet meer. Er is niets gewijzigd."
CLOSED = "Aanmelden voor deze bijeenkomst is gesloten. Er is niets gewijzigd."
NOT_INVITED = "U bent niet uitgenodigd voor deze bijeenkomst. Er is niets gewijzigd."
UNKNOWN = "Deze bijeenkomst bestaat niet (meer)."
CHOICES = {KOMT, KOMT_NIET}


def lock_meeting(meeting_id):
    """The meeting, re-read with its row locked for this transaction."""
    meeting = locked(Meeting.select().where(Meeting.id == meeting_id)).get_or_none()
    if meeting is None:
        raise Refused(UNKNOWN, 404)
    return meeting


def coming(meeting, excluding=None):
    """How many seats are taken: invitees and registrations coming, and the registrations
    still held for their confirmation (but not `excluding`, a registration's id)."""
    held = now() - current_app.config["MEETING_REGISTRATION_HOLD"]
    invitees = Invitation.select().where(
        Invitation.meeting == meeting.id, Invitation.answer == KOMT
    )
    registered = Registration.select().where(
        Registration.meeting == meeting.id,
        (Registration.answer == KOMT)
        | ((Registration.answer == ONBEVESTIGD) & (Registration.created_at > held)),
    )
    if excluding is not None:
        registered = registered.where(Registration.id != excluding)
    return invitees.count() + registered.count()


def is_full(meeting, excluding=None):
    """True when every seat is taken."""
    return meeting.capacity is not None and coming(meeting, excluding) >= meeting.capacity


def seat_or_wait(meeting, row, excluding=None):
    """Give a person who comes (an invitation or registration) a seat or a place in line."""
    waiting = is_full(meeting, excluding)
    row.answer = WACHTLIJST if waiting else KOMT
    row.waiting_since = now() if waiting else None


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
            if meeting.registration_closed:
                raise Refused(CLOSED, 409)
            seat_or_wait(meeting, invitation)
        elif choice == KOMT_NIET:
            invitation.answer, invitation.waiting_since = KOMT_NIET, None
        invitation.answered_at = now()
        invitation.save()
        if previous == KOMT and invitation.answer != KOMT:
            fill_free_seats(meeting)
        if before_commit:
            before_commit()
    return invitation


def waiting_line(meeting):
    """Invitations and registrations on the waiting list, first in line first."""
    invitations = list(Invitation.waiting_list(meeting))
    registrations = list(
        Registration.select()
        .where(Registration.meeting == meeting.id, Registration.answer == WACHTLIJST)
        .order_by(Registration.waiting_since, Registration.id)
    )
    return sorted(invitations + registrations, key=lambda row: row.waiting_since)


def fill_free_seats(meeting):
    """Give free seats to the first on the waiting list, each with a mail (in the lock)."""
    free = None if meeting.capacity is None else meeting.capacity - coming(meeting)
    line = waiting_line(meeting)
    if free is not None:
        line = line[: max(free, 0)]
    subject = f"Er is een plaats vrij: {meeting.title}"
    for row in line:
        row.answer, row.waiting_since = KOMT, None
        row.save(only=[type(row).answer, type(row).waiting_since])
        if isinstance(row, Registration):
            mail.queue(
                row.email,
                subject,
                "network_registration_seat",
                meeting=meeting,
                person=row,
                cancel_url=mail.external_url("network.cancel_registration", token=row.code),
            )
            continue
        mail.queue(
            row.user.email,
            subject,
            "network_seat",
            meeting=meeting,
            person=row.user,
            meeting_url=mail.external_url("network.meeting", case_id=meeting.id),
            answer_url=links.answer_url(row),
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
