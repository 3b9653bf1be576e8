"""Registering for a public meeting without an account, confirming, cancelling, walking in.

Anyone may register with a name, an e-mail address and an organisation (a partner or vriend
from the list, or another one typed in). The registration holds a seat for a short while
(MEETING_REGISTRATION_HOLD) until the link in the mail confirms it; the confirmed
registration gets a seat or a place on the waiting list (network/rsvp.py), and a mail with a
link to cancel and the meeting as an .ics. An unconfirmed registration is removed after
MEETING_REGISTRATION_CONFIRM_WITHIN (at the next registration for any meeting). Whatever is
already known about the address, the page after registering says the same, so it tells
nobody who else comes.
"""

import secrets

from flask import current_app

from intranet import mail, tokens
from intranet.clock import local, now
from intranet.db import write_transaction
from intranet.models import Organisation
from intranet.network.models import (
    KOMT,
    KOMT_NIET,
    ONBEVESTIGD,
    WACHTLIJST,
    Meeting,
    Registration,
)
from intranet.network.rsvp import (
    CLOSED,
    NOT_OPEN,
    STARTED,
    fill_free_seats,
    lock_meeting,
    seat_or_wait,
)
from intranet.refusals import Refused
from intranet.workflows.states import MeetingState, OrganisationStatus

# The organisations one may choose from: partners and vrienden.
LISTED = (*OrganisationStatus.CURRENT, OrganisationStatus.VRIEND)
ALREADY_CONFIRMED = "Deze aanmelding is al bevestigd. Er is niets gewijzigd."
ALREADY_CANCELLED = "Deze aanmelding is al afgemeld. Er is niets gewijzigd."
WALK_IN_DAY = "Inloop-aanmeldingen noteert u op de dag van de bijeenkomst."


def organisations():
    """Partners and vrienden by name, for the registration form's list."""
    return Organisation.select().where(Organisation.status.in_(LISTED)).order_by(Organisation.name)


def _open_for_registration(meeting):
    if meeting.state != MeetingState.PUBLISHED or not meeting.is_public:
        raise Refused(NOT_OPEN, 409)
    if meeting.has_started:
        raise Refused(STARTED, 409)
    if meeting.registration_closed:
        raise Refused(CLOSED, 409)


def _links(registration):
    code, meeting_id = registration.code, registration.meeting_id
    return {
        "confirm_url": mail.external_url("network.confirm_registration", token=code),
        "cancel_url": mail.external_url("network.cancel_registration", token=code),
        "meeting_url": mail.external_url("network.public_meeting", meeting_id=meeting_id),
    }


def register(meeting_id, name, email, organisation_id, organisation_other):
    """Register someone (or renew an unconfirmed registration) and mail them.

    The mail says what fits: confirm this registration, or you are registered already (with
    the link to cancel). The caller shows the same page either way.
    """
    email = email.strip().lower()
    with write_transaction():
        purge_unconfirmed(now())
        meeting = lock_meeting(meeting_id)
        _open_for_registration(meeting)
        listed = organisations().where(Organisation.id == organisation_id)
        if organisation_id and not listed.exists():
            raise Refused("Kies een organisatie uit de lijst, of ‘anders’.", field="organisation")
        existing = (
            Registration.select()
            .where(
                Registration.meeting == meeting.id,
                Registration.email == email,
                Registration.answer != KOMT_NIET,
            )
            .first()
        )
        if existing and existing.answer in (KOMT, WACHTLIJST):
            _mail(meeting, existing, "Uw aanmelding", "network_registration_known")
            return existing
        registration = existing or Registration(meeting=meeting, code=secrets.token_urlsafe(24))
        registration.name, registration.email = name, email
        registration.organisation = organisation_id or None
        registration.organisation_other = "" if organisation_id else organisation_other
        registration.created_at = now()
        registration.save()
        _mail(meeting, registration, "Bevestig uw aanmelding", "network_registration_confirm")
    return registration


def _mail(meeting, registration, subject, template, attachment=""):
    mail.queue(
        registration.email,
        f"{subject}: {meeting.title}",
        template,
        attachment=attachment,
        meeting=meeting,
        person=registration,
        **_links(registration),
    )


def _by_code(code):
    registration = Registration.get_or_none(Registration.code == code)
    if registration is None:
        raise tokens.LinkError(tokens.INVALID)
    return registration


def find(code):
    """The registration and its meeting for a link's code; a LinkError for an unknown one."""
    registration = _by_code(code)
    return registration, Meeting.get_by_id(registration.meeting_id)


def confirm(code):
    """Confirm a registration from its mail: a seat, or a place on the waiting list."""
    with write_transaction():
        registration = _by_code(code)
        meeting = lock_meeting(registration.meeting_id)
        registration = Registration.get_by_id(registration.id)
        if registration.answer != ONBEVESTIGD:
            raise Refused(ALREADY_CONFIRMED, 409)
        within = current_app.config["MEETING_REGISTRATION_CONFIRM_WITHIN"]
        if registration.created_at + within < now():
            raise tokens.LinkError(tokens.EXPIRED)
        if meeting.state != MeetingState.PUBLISHED:
            raise Refused(NOT_OPEN, 409)
        if meeting.has_started:
            raise Refused(STARTED, 409)
        seat_or_wait(meeting, registration, excluding=registration.id)
        registration.confirmed_at = now()
        registration.save()
        ics = f"bijeenkomst:{meeting.id}"
        _mail(meeting, registration, "Aangemeld", "network_registration_confirmed", ics)
    return registration


def cancel(code):
    """Cancel a registration from the link in its mail; a freed seat goes to the next."""
    with write_transaction():
        registration = _by_code(code)
        meeting = lock_meeting(registration.meeting_id)
        registration = Registration.get_by_id(registration.id)
        if registration.answer == KOMT_NIET:
            raise Refused(ALREADY_CANCELLED, 409)
        if meeting.has_started:
            raise Refused(STARTED, 409)
        had_seat = registration.answer in (KOMT, ONBEVESTIGD)
        registration.answer, registration.waiting_since = KOMT_NIET, None
        registration.save(only=[Registration.answer, Registration.waiting_since])
        if had_seat and meeting.state == MeetingState.PUBLISHED:
            fill_free_seats(meeting)
    return registration


def add_walk_in(meeting, name, organisation_id, organisation_other):
    """Someone who walks in on the day: on the list at once, present (no seat check)."""
    if local(now()).date() < local(meeting.starts_at).date():
        raise Refused(WALK_IN_DAY, 409)
    if meeting.state != MeetingState.PUBLISHED:
        raise Refused(NOT_OPEN, 409)
    with write_transaction():
        return Registration.create(
            meeting=meeting.id,
            name=name,
            organisation=organisation_id or None,
            organisation_other="" if organisation_id else organisation_other,
            answer=KOMT,
            walk_in=True,
            attended=True,
            confirmed_at=now(),
            code=secrets.token_urlsafe(24),
        )


def mark_attendance(meeting, registration_id, present):
    """Record whether a registered person was there; the meeting must have begun."""
    if not meeting.has_started:
        raise Refused("Aanwezigheid noteert u vanaf het begin van de bijeenkomst.", 409)
    registration = Registration.get_or_none(
        Registration.id == registration_id,
        Registration.meeting == meeting.id,
        Registration.answer != ONBEVESTIGD,
    )
    if registration is None:
        raise Refused("Deze persoon staat niet op de lijst van deze bijeenkomst.", 404)
    registration.attended = present
    registration.save(only=[Registration.attended])
    return registration


def purge_unconfirmed(moment):
    """Remove registrations never confirmed in time; returns how many."""
    cutoff = moment - current_app.config["MEETING_REGISTRATION_CONFIRM_WITHIN"]
    return (
        Registration.delete()
        .where(Registration.answer == ONBEVESTIGD, Registration.created_at < cutoff)
        .execute()
    )
