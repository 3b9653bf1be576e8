"""Importing the network: plan the whole file, and only if no row has an error, write it in
bulk (a few statements per hundred rows) and invite the new contactpersonen by e-mail."""

from dataclasses import dataclass

from peewee import EXCLUDED, IntegrityError, Value, chunked

from intranet.clock import now, today
from intranet.db import write_transaction
from intranet.fees.models import FIRST_SCHOOLJAAR, FeeAgreement
from intranet.models import Contact, Organisation, PartnerMembership, PupilCount, User
from intranet.partners.import_invite import invite
from intranet.partners.import_plan import FIELDS, plan
from intranet.refusals import Refused
from intranet.rounds.models import ConvenantPeriod, PeriodMembership
from intranet.schooljaar import schooljaar_of
from intranet.workflows.models import AuditEvent
from intranet.workflows.states import OrganisationStatus

BATCH = 500  # rows per statement (well under SQLite's limit of variables)


@dataclass
class ImportResult:
    """The plan of every row, and whether it was written."""

    plans: list
    applied: bool = False

    @property
    def errors(self):
        """The rows with an error."""
        return [p for p in self.plans if p.status == "fout"]

    def count(self, status):
        """How many rows have this status."""
        return sum(1 for p in self.plans if p.status == status)


CONCURRENT = (
    "Tijdens de import is het netwerk ook op een andere plek gewijzigd; er is niets "
    "veranderd. Bekijk het voorbeeld opnieuw."
)


def import_rows(rows, actor, dry_run=False):
    """Plan the rows and, unless dry_run or any row has an error, write them in one go.

    Raises Refused when someone else changed the same organisations or people at the
    same moment (a unique name or address taken in between): then nothing changed either.
    """
    try:
        with write_transaction():
            result = ImportResult(plan(rows))
            if dry_run or result.errors:
                return result
            changed = [p for p in result.plans if p.status in ("nieuw", "gewijzigd")]
            if changed:
                _apply(changed, actor)
            result.applied = True
    except IntegrityError as error:
        raise Refused(CONCURRENT) from error
    return result


def _apply(plans, actor):
    counted = _counts_before(plans)
    ids = _store_organisations(plans)
    running = ConvenantPeriod.running()
    _store_history(plans, ids, counted, running)
    users = _store_people(plans)
    invited = _store_contacts(plans, ids, users)
    _store_signatures(plans, ids, running)
    _store_agreements(plans, ids)
    _audit(plans, actor)
    invite(invited, actor)


def _store_organisations(plans):
    """Insert the new organisations and update the changed ones; {name: id} of every row."""
    new = [p for p in plans if p.organisation is None]
    moment, ids = now(), {}
    for batch in chunked(new, BATCH):
        rows = [
            {**p.values, "status": OrganisationStatus.PARTNER, "created_at": moment} for p in batch
        ]
        Organisation.insert_many(rows).execute()
        names = [p.name for p in batch]
        query = Organisation.select(Organisation.name, Organisation.id)
        ids.update(query.where(Organisation.name.in_(names)).tuples())
    changed = [p for p in plans if p.organisation is not None and p.values]
    fields = sorted({key for p in changed for key in p.values}, key=FIELDS.index)
    for p in changed:
        for key, value in p.values.items():
            setattr(p.organisation, key, value)
    if changed:
        Organisation.bulk_update(
            [p.organisation for p in changed],
            fields=[getattr(Organisation, key) for key in fields],
            batch_size=100,
        )
    for p in plans:
        if p.organisation is not None:
            ids[p.name] = p.organisation.id
    return ids


def _counts_before(plans):
    """{organisation id: its count before the import} of the partners whose count changes
    and that have no count per schooljaar yet (earlier years keep that count)."""
    changing = {
        p.organisation.id: p.organisation.pupil_count
        for p in plans
        if p.organisation is not None
        and p.values.get("pupil_count") is not None
        and p.organisation.pupil_count is not None
    }
    for batch in chunked(list(changing), BATCH):
        query = PupilCount.select(PupilCount.organisation).where(PupilCount.organisation.in_(batch))
        for (organisation_id,) in query.tuples():
            changing.pop(organisation_id, None)
    return changing


def _store_history(plans, ids, counted, running):
    """New partners are partners of the running period (from its start, else from today);
    a count in the file is this schooljaar's count, and earlier years keep theirs. One
    statement each, whatever the number of rows."""
    since = running.starts_on if running is not None else today()
    new = [ids[p.name] for p in plans if p.organisation is None]
    if new:
        rows = Organisation.select(Organisation.id, Value(since), Value("import"), Value(now()))
        PartnerMembership.insert_from(
            rows.where(
                Organisation.status == OrganisationStatus.PARTNER,
                Organisation.id.not_in(PartnerMembership.select(PartnerMembership.organisation)),
                Organisation.id.in_(new),
            ),
            [
                PartnerMembership.organisation,
                PartnerMembership.starts_on,
                PartnerMembership.route,
                PartnerMembership.created_at,
            ],
        ).execute()
    year, moment = schooljaar_of(), now()
    if counted and year > FIRST_SCHOOLJAAR:
        earlier = [
            {"organisation": oid, "schooljaar": FIRST_SCHOOLJAAR, "count": n, "updated_at": moment}
            for oid, n in counted.items()
        ]
        for batch in chunked(earlier, BATCH):
            PupilCount.insert_many(batch).on_conflict_ignore().execute()
    with_count = [ids[p.name] for p in plans if p.values.get("pupil_count") is not None]
    if with_count:
        rows = Organisation.select(
            Organisation.id, Value(year), Organisation.pupil_count, Value(moment)
        ).where(Organisation.id.in_(with_count))
        fields = [
            PupilCount.organisation,
            PupilCount.schooljaar,
            PupilCount.count,
            PupilCount.updated_at,
        ]
        PupilCount.insert_from(rows, fields).on_conflict(
            conflict_target=[PupilCount.organisation, PupilCount.schooljaar],
            update={PupilCount.count: EXCLUDED.count, PupilCount.updated_at: moment},
        ).execute()


def _store_people(plans):
    """Accounts (without a password) for new people; {email: User} of everyone named."""
    users, wanted, invited = {}, {}, {}
    for p in plans:
        for _kind, email, name, contact, user in p.people:
            if user is not None:
                users[email] = user
                if contact is None:  # made contact now: invited
                    invited[email] = user
            else:
                wanted[email] = name
    _reclaim_unconfirmed(invited, users)
    new = [{"email": e, "name": n, "created_at": now()} for e, n in wanted.items()]
    for batch in chunked(new, BATCH):
        User.insert_many(batch).execute()
        emails = [row["email"] for row in batch]
        users.update({u.email: u for u in User.select().where(User.email.in_(emails))})
    return users


def _reclaim_unconfirmed(invited, users):
    """Accounts about to be invited whose address nobody confirmed lose their password and
    sessions (as `User.reclaim_if_unconfirmed`, in bulk): the invitation lets the owner
    choose one. `users` ({email: User}) gets them as they are now."""
    unconfirmed = [user.id for user in invited.values() if not user.confirmed]
    for batch in chunked(unconfirmed, BATCH):
        User.update(
            password_hash=None,
            session_epoch=User.session_epoch + 1,
            credential_epoch=User.credential_epoch + 1,
        ).where(User.id.in_(batch), User.email_confirmed_at.is_null()).execute()
        users.update({u.email: u for u in User.select().where(User.id.in_(batch))})


def _store_contacts(plans, ids, users):
    """Make the people contactpersoon or achtervang; returns (user, organisation id, kind)."""
    new_backup = [
        (ids[p.name], users[email].id)
        for p in plans
        for kind, email, *_rest in p.people
        if kind == "achtervang" and p.organisation is not None  # new ones have none yet
    ]
    for batch in chunked(new_backup, BATCH):  # the earlier achtervang becomes contactpersoon
        organisations = [organisation_id for organisation_id, _user in batch]
        backups = [user_id for _org, user_id in batch]
        Contact.update(kind="primary").where(
            Contact.organisation.in_(organisations),
            Contact.kind == "achtervang",
            Contact.user.not_in(backups),
        ).execute()
    existing = {"primary": [], "achtervang": []}
    rows, invited = [], []
    for p in plans:
        for kind, email, _name, contact, _user in p.people:
            if contact is not None:
                existing[kind].append(contact.id)
                continue
            rows.append({"organisation": ids[p.name], "user": users[email].id, "kind": kind})
            invited.append((users[email], ids[p.name], kind))
    for kind, contact_ids in existing.items():
        for batch in chunked(contact_ids, 500):
            Contact.update(kind=kind).where(Contact.id.in_(batch)).execute()
    for batch in chunked(rows, BATCH):
        Contact.insert_many([{**row, "created_at": now()} for row in batch]).execute()
    return invited


def _store_signatures(plans, ids, period):
    """Record who signed the running period's convenant (and when, if the file says)."""
    signing = {ids[p.name]: p.signing[0] for p in plans if p.signing is not None}
    if not signing:
        return
    known = set()
    for batch in chunked(list(signing), 500):
        query = PeriodMembership.select(PeriodMembership.organisation).where(
            PeriodMembership.period == period, PeriodMembership.organisation.in_(batch)
        )
        known.update(organisation_id for (organisation_id,) in query.tuples())
    by_day = {}
    for organisation_id in known:
        by_day.setdefault(signing[organisation_id], []).append(organisation_id)
    for signed_on, organisation_ids in by_day.items():
        for batch in chunked(organisation_ids, 500):
            PeriodMembership.update(via="ondertekend", signed_on=signed_on).where(
                PeriodMembership.period == period, PeriodMembership.organisation.in_(batch)
            ).execute()
    rows = [
        {
            "period": period.id,
            "organisation": organisation_id,
            "via": "ondertekend",
            "joined_at": now(),
            "signed_on": signed_on,
        }
        for organisation_id, signed_on in signing.items()
        if organisation_id not in known
    ]
    for batch in chunked(rows, BATCH):
        PeriodMembership.insert_many(batch).execute()


def _store_agreements(plans, ids):
    """Record the fee agreements the file gives (few rows have one)."""
    for p in plans:
        if p.agreement is not None:
            year, kind, amount, note = p.agreement
            FeeAgreement.set(ids[p.name], year, kind, amount, note)


def _audit(plans, actor):
    new = sum(1 for p in plans if p.organisation is None)
    label = actor.name if actor is not None else "systeem"
    comment = f"Import: {new} nieuw, {len(plans) - new} gewijzigd."
    AuditEvent.write("partners", 0, None, "import", "importeren", actor, label, comment)
