"""The voorzitter changes with the regiegroep's knowledge, and a seat beyond the projectgroep's
plan says why (issues 24 and 25): proposals of a new voorzitter, waiting for the outgoing
voorzitter or another member to confirm; a seat's note when its werkveld was already full."""

from peewee import *


def up(migrator, db):
    # Plain SQL: on SQLite the migrator would rebuild the table for a NOT NULL column, and a
    # rebuild drops the triggers of migrations/0017.
    db.execute_sql("ALTER TABLE membership ADD COLUMN plan_note TEXT NOT NULL DEFAULT ''")

    class User(Model):
        class Meta:
            database = db
            table_name = "user"

    class Membership(Model):
        class Meta:
            database = db
            table_name = "membership"

    class ChairProposal(Model):
        seat = ForeignKeyField(Membership, on_delete="CASCADE")
        proposed_by = ForeignKeyField(User, on_delete="CASCADE")
        proposed_at = DateTimeField()
        decided_by = ForeignKeyField(User, null=True, on_delete="SET NULL")
        decided_at = DateTimeField(null=True)
        outcome = CharField(default="")

        class Meta:
            database = db
            table_name = "chair_proposal"

    db.create_tables([ChairProposal])


def down(migrator, db):
    migrator.migrate(migrator.drop_table("chair_proposal"))
    db.execute_sql("ALTER TABLE membership DROP COLUMN plan_note")
