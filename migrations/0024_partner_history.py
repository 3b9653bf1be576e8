"""Membership history and pupil counts per schooljaar (issue 25), filled from today's data.

A membership per organisation runs from the start of the first convenant period it was a
partner in (or the day it joined one, when admitted later), or from the day it was made, for
a partner without periods; it ends the day after its last period when it is no longer a
partner. The counts of today are kept for the schooljaar its membership began in.
"""

from datetime import UTC, date, datetime, timedelta

from peewee import *


def _schooljaar(day):
    return day.year if day >= date(day.year, 8, 1) else day.year - 1


def _day(value):
    if value is None or isinstance(value, date) and not hasattr(value, "hour"):
        return value
    if isinstance(value, str):
        return date.fromisoformat(value[:10])
    return value.date()


def up(migrator, db):
    class Organisation(Model):
        status = CharField()
        pupil_count = IntegerField(null=True)
        created_at = DateTimeField()

        class Meta:
            database = db
            table_name = "organisation"

    class PartnerMembership(Model):
        organisation = ForeignKeyField(Organisation, on_delete="CASCADE")
        starts_on = DateField()
        ends_on = DateField(null=True)
        route = CharField(default="")
        created_at = DateTimeField()

        class Meta:
            database = db
            table_name = "partner_membership"
            indexes = ((("organisation", "starts_on"), False), (("starts_on", "ends_on"), False))

    class PupilCount(Model):
        organisation = ForeignKeyField(Organisation, on_delete="CASCADE")
        schooljaar = IntegerField()
        count = IntegerField()
        updated_at = DateTimeField()

        class Meta:
            database = db
            table_name = "pupil_count"
            indexes = ((("organisation", "schooljaar"), True),)

    db.create_tables([PartnerMembership, PupilCount])

    periods = {
        pid: (_day(starts), _day(ends))
        for pid, starts, ends in db.execute_sql(
            "SELECT id, starts_on, ends_on FROM convenant_period"
        ).fetchall()
    }
    spans = {}
    for oid, pid, via, joined in db.execute_sql(
        "SELECT organisation_id, period_id, via, joined_at FROM period_membership"
    ).fetchall():
        starts, ends = periods[pid]
        first = max(starts, _day(joined)) if via == "toegetreden" else starts
        route = "toelaten" if via == "toegetreden" else "convenant"
        spans.setdefault(oid, []).append((first, ends + timedelta(days=1), route))
    admitted = {}  # the day an application admitted the organisation (its audit record)
    for oid, at in db.execute_sql(
        "SELECT case_id, at FROM audit_event WHERE workflow = 'organisatie' "
        "AND to_state = 'partner' AND \"trigger\" = 'toelaten'"
    ).fetchall():
        admitted[oid] = max(admitted.get(oid, _day(at)), _day(at))
    stamp = datetime.now(UTC).replace(tzinfo=None)
    rows, counts = [], []
    for org in Organisation.select(
        Organisation.id, Organisation.status, Organisation.pupil_count, Organisation.created_at
    ):
        partner = org.status == "partner"
        merged = []
        for first, until, route in sorted(spans.get(org.id, [])):
            if merged and first <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], until)
            else:
                merged.append([first, until, route])
        if not merged and partner:
            merged = [[_day(org.created_at), None, "import"]]
        if merged and partner:
            merged[-1][1] = None
        if org.id in admitted and merged and admitted[org.id] > merged[0][0]:
            # admitted later than the period it joined began: a member from that day
            merged = [m for m in merged if m[1] is None or m[1] > admitted[org.id]]
            merged[0][0], merged[0][2] = max(merged[0][0], admitted[org.id]), "toelaten"
        for first, until, route in merged:
            rows.append(
                {
                    "organisation": org.id,
                    "starts_on": first,
                    "ends_on": until,
                    "route": route,
                    "created_at": stamp,
                }
            )
        if org.pupil_count is not None and merged:
            counts.append(
                {
                    "organisation": org.id,
                    "schooljaar": _schooljaar(merged[0][0]),
                    "count": org.pupil_count,
                    "updated_at": stamp,
                }
            )
    for start in range(0, len(rows), 200):
        PartnerMembership.insert_many(rows[start : start + 200]).execute()
    for start in range(0, len(counts), 200):
        PupilCount.insert_many(counts[start : start + 200]).execute()


def down(migrator, db):
    db.execute_sql("DROP TABLE pupil_count")
    db.execute_sql("DROP TABLE partner_membership")
