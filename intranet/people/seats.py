"""Seats in the groups: who sits in the projectgroep (per werkveld and hoofdthema), who in the
regiegroep, and who is voorzitter.

Every change to who sits where happens inside `change`: a seat given, ended or made the
voorzitter's (the Leden page, `users create`), an account closed or opened again
(people/account_changes.py) and an account anonymised (privacy/operations.py). It locks the groups
concerned, refuses a voorzitter who would leave the regiegroep without one, and afterwards
re-counts every open vote with the projectgroep of today.

The seat rules, in the order they are checked:
1. A seat is in the projectgroep, the regiegroep or the projectleider group, for an active
   account, and ends after it starts.
2. One seat per person per group at a time.
3. A projectgroep seat has a werkveld and, in a werkveld of education, a hoofdthema. The
   plan gives a werkveld two seats at a time (the gemeente and the partners one each); a
   seat beyond the plan is given only with the reason why, kept on the seat and in the audit.
4. A seat ends today or later, not before it starts, and not after an end it already has.
5. The regiegroep has exactly one voorzitter while it has members: its first member is
   voorzitter, and the voorzitter cannot leave (the seat ended, the account deactivated or
   anonymised) while others stay. Another voorzitter takes over only with the regiegroep's
   knowledge: the projectleider proposes, the outgoing voorzitter or another member (neither
   the one proposed nor the proposer) confirms, and the regiegroep is told by e-mail.
6. Nobody gives themselves a seat or makes themselves voorzitter.

The database holds rules 2 and 5 too (migrations/0017): a refusal from it is said as the
code says it. A group is locked by name (an advisory lock on PostgreSQL), so the seats of
an empty group are serialised as well.
"""

from contextlib import contextmanager

from peewee import IntegrityError

from intranet import mail
from intranet.admission.workflow import WORKFLOW as admission
from intranet.clock import now, today
from intranet.db import advisory_lock, write_transaction
from intranet.formats import day_numbers
from intranet.models import GROUPS, HOOFDTHEMAS, SEATS_PER_WERKVELD, WERKVELDEN, Membership, User
from intranet.people.audit import record
from intranet.people.models import ChairProposal
from intranet.refusals import Refused
from intranet.workflows import engine
from intranet.workflows.states import ChairOutcome


@contextmanager
def change(person, groups=(), leaving=False):
    """The one way who sits where changes: the block inside makes the change.

    In one transaction: the seats of `groups` and of every group the person sits in now are
    locked; a person `leaving` every group (the account closed or anonymised) passes the
    voorzitter rule first; after the block every open vote is re-counted when the
    projectgroep is among those groups (the engine takes the automatic steps whose majority
    rule now holds).
    """
    try:
        with write_transaction():
            concerned = set(groups) | set(_groups_of(person))
            for group in sorted(concerned):  # always in the same order: no deadlock
                _lock_group(group)
            if leaving and "regiegroep" in concerned:
                for seat in Membership.current("regiegroep").where(Membership.user == person.id):
                    _check_chair_may_leave(seat, today())
            yield
            if "projectgroep" in concerned:
                engine.settle_open(admission)
    except IntegrityError as error:
        refusal = _refusal_for(error, person)
        if refusal is None:
            raise
        raise refusal from error


def add_seat(
    user,
    group,
    starts_on,
    ends_on,
    actor,
    werkveld="",
    hoofdthema="",
    voorzitter=False,
    over_plan="",
):
    """Give someone a seat from starts_on up to (not including) ends_on.

    `voorzitter` asks for the regiegroep's voorzitter: given at once when the regiegroep has
    none today (or `actor` is None, the operator's command line), else proposed to the
    regiegroep. `over_plan` is the reason to give a seat beyond its werkveld's plan.
    """
    werkveld, hoofdthema = werkveld or "", hoofdthema or ""
    over_plan = (over_plan or "").strip()
    _check_not_self(user, actor, "een zetel geven")
    if group not in GROUPS:
        raise Refused("Kies de projectgroep, de regiegroep of projectleider.", field="group")
    if not user.active:
        raise Refused(
            f"Het account van {user.name} is gedeactiveerd; activeer het eerst.", field="person"
        )
    if ends_on is not None and ends_on <= starts_on:
        raise Refused("De einddatum moet na de begindatum liggen.", field="ends_on")
    with change(user, groups=(group,)):
        mine = _overlapping(group, starts_on, ends_on).where(Membership.user == user.id)
        if mine.exists():
            raise Refused(
                f"{user.name} heeft in die periode al een zetel in de {group}.", 409, "person"
            )
        note = ""
        if group == "projectgroep":
            note = _check_werkveld(werkveld, hoofdthema, starts_on, ends_on, over_plan)
        else:
            werkveld = hoofdthema = ""
        seat = Membership.create(
            user=user,
            group=group,
            starts_on=starts_on,
            ends_on=ends_on,
            werkveld=werkveld,
            hoofdthema=hoofdthema,
            plan_note=note,
        )
        record(actor, user, "zetel", _describe(seat, "krijgt een zetel"), seat)
        if group == "regiegroep":
            chair = _current_chair()
            if chair is None or (voorzitter and actor is None):
                _make_chair(seat)
            elif voorzitter:
                _propose(seat, actor, chair)
    return seat


def end_seat(seat_id, ends_on, actor):
    """End a seat on a day (from then on the person is no longer a member)."""
    seat = _seat(seat_id)
    with change(seat.user, groups=(seat.group,)):
        seat = _seat(seat_id)  # again, under the lock
        if seat.ends_on is not None and seat.ends_on <= today():
            raise Refused(
                f"De zetel van {seat.user.name} is al beëindigd op {day_numbers(seat.ends_on)}.",
                409,
            )
        if ends_on < today():
            raise Refused("De einddatum kan niet in het verleden liggen.")
        if ends_on < seat.starts_on:
            raise Refused(f"De zetel begint pas op {day_numbers(seat.starts_on)}.")
        if seat.ends_on is not None and ends_on >= seat.ends_on:
            raise Refused(f"De zetel eindigt al op {day_numbers(seat.ends_on)}.", 409)
        _check_chair_may_leave(seat, ends_on)
        seat.ends_on = ends_on
        seat.save(only=[Membership.ends_on])
        record(
            actor,
            seat.user,
            "einde",
            _describe(seat, f"zetel eindigt op {day_numbers(ends_on)}"),
            seat,
        )
    return seat


def make_voorzitter(seat_id, actor):
    """Ask for a current regiegroep seat to be the voorzitter's.

    With no voorzitter today (or from the command line, `actor` None) it is so at once;
    otherwise it is a proposal the regiegroep confirms (`decide_voorzitter`). Returns the
    proposal, or None when the seat became the voorzitter's at once.
    """
    seat = _seat(seat_id)
    _check_not_self(seat.user, actor, "voorzitter maken")
    with change(seat.user, groups=("regiegroep",)):
        seat = _seat(seat_id)
        if seat.group != "regiegroep" or not seat.is_current():
            raise Refused("Alleen een huidig lid van de regiegroep kan voorzitter worden.")
        if seat.voorzitter:
            raise Refused(f"{seat.user.name} is al voorzitter.", 409)
        chair = _current_chair()
        if chair is not None and actor is not None:
            return _propose(seat, actor, chair)
        _make_chair(seat)
        record(actor, seat.user, "voorzitter", _describe(seat, "wordt voorzitter"), seat)
        _tell_regiegroep(seat, actor, None)
    return None


def may_decide_voorzitter(proposal, person):
    """True if `person` may confirm or decline a proposal: a current member of the regiegroep
    (the outgoing voorzitter among them), neither the one proposed nor the proposer."""
    if proposal is None or person is None or not person.is_authenticated:
        return False
    if person.id in (proposal.seat.user_id, proposal.proposed_by_id):
        return False
    return person.id in Membership.member_ids("regiegroep")


def decide_voorzitter(proposal_id, confirm, actor):
    """The regiegroep's answer to a proposal: confirmed, the seat becomes the voorzitter's."""
    proposal = ChairProposal.get_or_none(ChairProposal.id == proposal_id)
    if proposal is None:
        raise Refused("Dit voorstel bestaat niet.", 404)
    with change(proposal.seat.user, groups=("regiegroep",)):
        proposal = ChairProposal.get_by_id(proposal_id)  # again, under the lock
        seat = proposal.seat
        if proposal.outcome:
            raise Refused(f"Over dit voorstel is al besloten: {proposal.outcome}.", 409)
        if not may_decide_voorzitter(proposal, actor):
            raise Refused(
                "Alleen de voorzitter of een ander lid van de regiegroep (niet wie is "
                "voorgesteld, niet wie het voorstelde) beslist over een nieuwe voorzitter.",
                403,
            )
        if seat.group != "regiegroep" or not seat.is_current() or not seat.user.active:
            ChairProposal.update(outcome=ChairOutcome.LAPSED).where(
                ChairProposal.id == proposal.id
            ).execute()
            raise Refused(f"{seat.user.name} zit niet meer in de regiegroep.", 409)
        proposal.outcome = ChairOutcome.CONFIRMED if confirm else ChairOutcome.DECLINED
        proposal.decided_by, proposal.decided_at = actor.id, now()
        proposal.save()
        by = f"voorgesteld door {proposal.proposed_by.name}, {proposal.outcome} door {actor.name}"
        if confirm:
            _make_chair(seat)
            record(
                actor, seat.user, "voorzitter", _describe(seat, f"wordt voorzitter ({by})"), seat
            )
        else:
            comment = f"{seat.user.name} wordt niet voorzitter van de regiegroep ({by})."
            record(actor, seat.user, "voorzitter afgewezen", comment, seat)
        _tell_regiegroep(seat, actor, proposal)
    return proposal


def overview(roster, day=None):
    """What the Leden page says of a roster: ({group: active members today}, whether the
    regiegroep has members but no voorzitter)."""
    day = day or today()
    current = [seat for seat in roster if seat.is_current(day)]
    counts = {}
    for seat in current:
        if seat.user.active:
            counts[seat.group] = counts.get(seat.group, 0) + 1
    regiegroep = [seat for seat in current if seat.group == "regiegroep"]
    return counts, bool(regiegroep) and not any(seat.voorzitter for seat in regiegroep)


def _check_werkveld(werkveld, hoofdthema, starts_on, ends_on, over_plan):
    """Rule 3: the werkveld and hoofdthema of a projectgroep seat, and the werkveld's plan.

    Returns the note to keep on the seat: the reason it was given beyond the plan, or "".
    """
    if werkveld not in WERKVELDEN:
        raise Refused("Kies het werkveld van deze zetel.", field="werkveld")
    if hoofdthema and hoofdthema not in HOOFDTHEMAS:
        raise Refused("Kies een hoofdthema uit de lijst.", field="hoofdthema")
    if not hoofdthema and werkveld not in SEATS_PER_WERKVELD:
        raise Refused(
            "Kies het hoofdthema waarop dit projectgroeplid zich richt.", field="hoofdthema"
        )
    places = SEATS_PER_WERKVELD.get(werkveld, 2)
    taken = _overlapping("projectgroep", starts_on, ends_on).where(Membership.werkveld == werkveld)
    if taken.count() < places:
        return ""
    if not over_plan:
        raise Refused(
            f"Het werkveld {WERKVELDEN[werkveld]} heeft in die periode al "
            f"{'één zetel' if places == 1 else f'{places} zetels'} in de projectgroep, "
            "zoals het plan voorziet. Is een zetel meer toch nodig? Schrijf bij "
            "'Boven het plan' waarom.",
            409,
            "werkveld",
        )
    return over_plan[:500]


def _check_chair_may_leave(seat, day):
    """Rule 5: the voorzitter leaves on a day only if nobody else sits in the regiegroep then."""
    if not seat.voorzitter:
        return
    others = Membership.select().where(
        Membership.group == "regiegroep",
        Membership.user != seat.user_id,
        Membership.ends_on.is_null() | (Membership.ends_on > day),
    )
    if others.exists():
        raise Refused(
            f"{seat.user.name} is voorzitter van de regiegroep. Wijs eerst een andere "
            "voorzitter aan; de regiegroep heeft altijd precies één voorzitter zolang er "
            "leden zijn.",
            409,
        )


def _groups_of(person):
    """The groups a person sits in today."""
    seats = Membership.current().where(Membership.user == person.id)
    return {group for (group,) in seats.select(Membership.group).tuples()}


def _overlapping(group, starts_on, ends_on):
    """Seats of a group that share at least one day with [starts_on, ends_on)."""
    query = Membership.select().where(
        Membership.group == group,
        Membership.ends_on.is_null() | (Membership.ends_on > starts_on),
    )
    return query.where(Membership.starts_on < ends_on) if ends_on else query


def _lock_group(group):
    """Serialise the seat changes of one group, empty or not: a lock named after the group
    (PostgreSQL; on SQLite the write transaction holds the whole file already)."""
    advisory_lock(f"seats:{group}")


def _refusal_for(error, person):
    """The database's own seat rules (migrations/0017), said as the code would say them."""
    text = str(error)
    if "membership_one_voorzitter" in text or "membership.group" in text:
        return Refused(
            "De regiegroep heeft intussen al een voorzitter. Bekijk de actuele stand.", 409
        )
    if "membership_one_seat_per_person" in text:
        return Refused(f"{person.name} heeft in die periode al een zetel in die groep.", 409)
    return None


def _check_not_self(person, actor, what):
    """Rule 6: a seat and the voorzitter's are given by someone else."""
    if actor is not None and actor.id == person.id:
        raise Refused(
            f"U kunt uzelf geen zetel geven en uzelf geen voorzitter maken ({what}). "
            "Vraag een ander om dit te doen.",
            403,
            "person",
        )


def _current_chair():
    return Membership.current("regiegroep").where(Membership.voorzitter).first()


def _propose(seat, actor, chair):
    """A new voorzitter, proposed to the regiegroep; a waiting proposal is replaced."""
    ChairProposal.update(outcome=ChairOutcome.LAPSED).where(ChairProposal.outcome == "").execute()
    proposal = ChairProposal.create(seat=seat, proposed_by=actor.id)
    record(
        actor,
        seat.user,
        "voorzitter voorgesteld",
        f"{actor.name} stelt {seat.user.name} voor als voorzitter van de regiegroep, in "
        f"plaats van {chair.user.name}; de voorzitter of een ander lid bevestigt.",
        seat,
    )
    _tell_regiegroep(seat, actor, proposal)
    return proposal


def _tell_regiegroep(seat, actor, proposal):
    """An e-mail to every member of the regiegroep (and the proposer) about its voorzitter."""
    if proposal is None or proposal.outcome == ChairOutcome.CONFIRMED:
        subject = f"{seat.user.name} is voorzitter van de regiegroep"
    elif proposal.outcome == ChairOutcome.DECLINED:
        subject = f"{seat.user.name} wordt niet voorzitter van de regiegroep"
    else:
        subject = f"Voorstel: {seat.user.name} als voorzitter van de regiegroep"
    people = list(User.in_group("regiegroep"))
    if proposal is not None and proposal.proposed_by_id not in {p.id for p in people}:
        people.append(proposal.proposed_by)
    url = mail.external_url("people.leden")
    for person in people:
        mail.queue(
            person.email,
            subject,
            "chair_change",
            person=person,
            seat=seat,
            proposal=proposal,
            actor=actor,
            url=url,
        )


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
    until = f" tot {day_numbers(seat.ends_on)}" if seat.ends_on else ""
    span = f"vanaf {day_numbers(seat.starts_on)}{until}"
    note = f" Boven het plan, want: {seat.plan_note}" if seat.plan_note else ""
    return f"{seat.user.name} {what}: {where}{detail}, {span}.{note}"
