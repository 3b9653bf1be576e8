"""What the database itself enforces about seats (issue 23): one voorzitter of the regiegroep,
and one seat per person per group on any day.

The code checks both under a lock (intranet/people/seats.py); these are the net below it.
One voorzitter: a partial unique index (SQLite and PostgreSQL). One seat per person per group
at a time: on PostgreSQL an exclusion constraint over the seat's days (btree_gist, a trusted
extension the database owner may create); on SQLite a trigger (its writers take turns, so
the trigger sees every committed seat). A later migration that makes SQLite rebuild the
membership table (playhouse's alter_column, add_not_null, drop_column ...) drops these
triggers and must create them again; tests/test_seat_races.py notices.
"""

from peewee import *

OVERLAP = """
    SELECT m.user_id, m."group", COUNT(*) FROM membership m JOIN membership o
      ON o.user_id = m.user_id AND o."group" = m."group" AND o.id > m.id
     AND (m.ends_on IS NULL OR m.ends_on > o.starts_on)
     AND (o.ends_on IS NULL OR o.ends_on > m.starts_on)
     GROUP BY m.user_id, m."group"
"""
CHAIRS = """SELECT COUNT(*) FROM membership WHERE "group" = 'regiegroep' AND voorzitter"""
SQLITE_TRIGGER = """
CREATE TRIGGER membership_one_seat_per_person_{event} BEFORE {event} ON membership
FOR EACH ROW WHEN EXISTS (
    SELECT 1 FROM membership o
     WHERE o.user_id = NEW.user_id AND o."group" = NEW."group" AND o.id IS NOT NEW.id
       AND (o.ends_on IS NULL OR o.ends_on > NEW.starts_on)
       AND (NEW.ends_on IS NULL OR NEW.ends_on > o.starts_on))
BEGIN SELECT RAISE(ABORT, 'membership_one_seat_per_person'); END
"""


def _is_sqlite(db):
    return isinstance(db, SqliteDatabase)


def up(migrator, db):
    overlapping = db.execute_sql(OVERLAP).fetchall()
    if overlapping:
        raise RuntimeError(
            "seats overlap (user_id, group, count): "
            f"{overlapping}; end or remove the extra seats first"
        )
    (chairs,) = db.execute_sql(CHAIRS).fetchone()
    if chairs > 1:
        raise RuntimeError(
            f"{chairs} regiegroep seats are marked voorzitter; keep one (UPDATE membership "
            "SET voorzitter = false WHERE id <> ...) first"
        )
    db.execute_sql(
        'CREATE UNIQUE INDEX membership_one_voorzitter ON membership ("group") WHERE voorzitter'
    )
    if _is_sqlite(db):
        # the index the triggers look up by (named as PostgreSQL's constraint and its index)
        db.execute_sql(
            "CREATE INDEX membership_one_seat_per_person "
            'ON membership (user_id, "group", starts_on) WHERE starts_on IS NOT NULL'
        )
        for event in ("INSERT", "UPDATE"):
            db.execute_sql(SQLITE_TRIGGER.format(event=event))
    else:
        db.execute_sql("CREATE EXTENSION IF NOT EXISTS btree_gist")
        db.execute_sql(
            "ALTER TABLE membership ADD CONSTRAINT membership_one_seat_per_person "
            'EXCLUDE USING gist (user_id WITH =, "group" WITH =, '
            # a seat that ends before it starts has no days (an empty range)
            "daterange(starts_on, CASE WHEN ends_on < starts_on THEN starts_on "
            "ELSE ends_on END) WITH &&)"
        )


def down(migrator, db):
    db.execute_sql("DROP INDEX membership_one_voorzitter")
    if _is_sqlite(db):
        for event in ("INSERT", "UPDATE"):
            db.execute_sql(f"DROP TRIGGER membership_one_seat_per_person_{event}")
        db.execute_sql("DROP INDEX membership_one_seat_per_person")
    else:
        db.execute_sql("ALTER TABLE membership DROP CONSTRAINT membership_one_seat_per_person")
