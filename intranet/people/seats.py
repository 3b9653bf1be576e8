"""Seats in the groups: who sits in the projectgroep (per werkveld and hoofdthema), who in the
regiegroep, and who is voorzitter. Every change runs in one transaction with its audit record,
and a change of the projectgroep re-counts every open vote with the members of today.
"""

from intranet.clock import today
from intranet.db import locked, write_transaction
from intranet.models import GROUPS, HOOFDTHEMAS, SEATS_PER_WERKVELD, WERKVELDEN, Membership
from intranet.people.audit import record
from intranet.refusals import Refused
from intranet.workflows import engine
from intranet.workflows.admission import admission


def _day(value):
    return f"{value:%d-%m-%Y}"


def _overlapping(group, starts_on, ends_on):
    """Seats of a group that share at least one day with [starts_on, ends_on)."""
    query = Membership.select().where(
        Membership.group == group,
        Membership.ends_on.is_null() | (Membership.ends_on > starts_on),
    )
    return query.where(Membership.starts_on < ends_on) if ends_on else query


def _lock_group(group):
    """Serialise the seat changes of one group (every seat of it, under lock)."""
    return list(locked(Membership.select().where(Membership.group == group)))


def add_seat(user, group, starts_on, ends_on, actor, werkveld="", hoofdthema="", voorzitter=False):
    """Give someone a seat from starts_on up to (not including) ends_on."""
    werkveld, hoofdthema = werkveld or "", hoofdthema or ""
    if group not in GROUPS:
        raise Refused("Kies de projectgroep, de regiegroep of projectleider.")
    if not user.active:
        raise Refused(f"Het account van {user.name} is gedeactiveerd; activeer het eerst.")
    if ends_on is not None and ends_on <= starts_on:
        raise Refused("De einddatum moet na de begindatum liggen.")
    with write_transaction():
        _lock_group(group)
        mine = _overlapping(group, starts_on, ends_on).where(Membership.user == user.id)
        if mine.exists():
            raise Refused(f"{user.name} heeft in die periode al een zetel in de {group}.", 409)
        if group == "projectgroep":
            _check_werkveld(werkveld, hoofdthema, starts_on, ends_on)
        else:
            werkveld = hoofdthema = ""
        seat = Membership.create(
            user=user,
            group=group,
            starts_on=starts_on,
            ends_on=ends_on,
            werkveld=werkveld,
            hoofdthema=hoofdthema,
        )
        if group == "regiegroep":
            chair = Membership.current("regiegroep").where(Membership.voorzitter).exists()
            if voorzitter or not chair:
                _make_chair(seat)
        record(actor, user, "zetel", _describe(seat, "krijgt een zetel"), seat)
        _settle_open_votes(group)
    return seat


def _check_werkveld(werkveld, hoofdthema, starts_on, ends_on):
    if werkveld not in WERKVELDEN:
        raise Refused("Kies het werkveld van deze zetel.")
    if hoofdthema and hoofdthema not in HOOFDTHEMAS:
        raise Refused("Kies een hoofdthema uit de lijst.")
    if not hoofdthema and werkveld not in SEATS_PER_WERKVELD:
        raise Refused("Kies het hoofdthema waarop dit projectgroeplid zich richt.")
    places = SEATS_PER_WERKVELD.get(werkveld, 2)
    taken = _overlapping("projectgroep", starts_on, ends_on).where(Membership.werkveld == werkveld)
    if taken.count() >= places:
        raise Refused(
            f"Het werkveld {WERKVELDEN[werkveld]} heeft in die periode al "
            f"{'één zetel' if places == 1 else f'{places} zetels'} in de projectgroep.",
            409,
        )


def end_seat(seat_id, ends_on, actor):
    """End a seat on a day (from then on the person is no longer a member)."""
    with write_transaction():
        seat = _seat(seat_id)
        _lock_group(seat.group)
        seat = _seat(seat_id)
        if seat.ends_on is not None and seat.ends_on <= today():
            raise Refused(
                f"De zetel van {seat.user.name} is al beëindigd op {_day(seat.ends_on)}.", 409
            )
        if ends_on < today():
            raise Refused("De einddatum kan niet in het verleden liggen.")
        if ends_on < seat.starts_on:
            raise Refused(f"De zetel begint pas op {_day(seat.starts_on)}.")
        if seat.ends_on is not None and ends_on >= seat.ends_on:
            raise Refused(f"De zetel eindigt al op {_day(seat.ends_on)}.", 409)
        if seat.voorzitter and _others_after("regiegroep", seat, ends_on):
            raise Refused(
                f"{seat.user.name} is voorzitter. Wijs eerst een andere voorzitter aan; de "
                "regiegroep heeft altijd precies één voorzitter zolang er leden zijn.",
                409,
            )
        seat.ends_on = ends_on
        seat.save(only=[Membership.ends_on])
        record(
            actor, seat.user, "einde", _describe(seat, f"zetel eindigt op {_day(ends_on)}"), seat
        )
        _settle_open_votes(seat.group)
    return seat


def _others_after(group, seat, day):
    """Other seats of the group that still count on or after a day."""
    return (
        Membership.select()
        .where(
            Membership.group == group,
            Membership.id != seat.id,
            Membership.ends_on.is_null() | (Membership.ends_on > day),
        )
        .exists()
    )


def make_voorzitter(seat_id, actor):
    """Make a current regiegroep seat the voorzitter's; the earlier voorzitter steps down."""
    with write_transaction():
        _lock_group("regiegroep")
        seat = _seat(seat_id)
        if seat.group != "regiegroep" or not seat.is_current():
            raise Refused("Alleen een huidig lid van de regiegroep kan voorzitter worden.")
        if seat.voorzitter:
            raise Refused(f"{seat.user.name} is al voorzitter.", 409)
        _make_chair(seat)
        record(actor, seat.user, "voorzitter", _describe(seat, "wordt voorzitter"), seat)
    return seat


def _make_chair(seat):
    Membership.update(voorzitter=False).where(
        Membership.group == "regiegroep", Membership.id != seat.id
    ).execute()
    Membership.update(voorzitter=True).where(Membership.id == seat.id).execute()
    seat.voorzitter = True


def _seat(seat_id):
    seat = Membership.get_or_none(Membership.id == seat_id)
    if seat is None:
        raise Refused("Deze zetel bestaat niet.", 404)
    return seat


def _describe(seat, what):
    where = GROUPS.get(seat.group, seat.group).lower()
    detail = f" ({seat.werkveld_label}, {seat.hoofdthema_label})" if seat.werkveld else ""
    until = f" tot {_day(seat.ends_on)}" if seat.ends_on else ""
    span = f"vanaf {_day(seat.starts_on)}{until}"
    return f"{seat.user.name} {what}: {where}{detail}, {span}."


def _settle_open_votes(group):
    """Re-count every open vote with the projectgroep of today; close those now certain.

    The one place a seat change re-evaluates the votes (the engine takes the admission's
    automatic steps whose majority rule now holds).
    """
    if group == "projectgroep":
        engine.settle_open(admission)


def members_changed(person):
    """An account of a projectgroep member closed or opened: re-count the open votes."""
    if Membership.current("projectgroep").where(Membership.user == person.id).exists():
        _settle_open_votes("projectgroep")
