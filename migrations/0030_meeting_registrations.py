"""Public registration for meetings without an account; a meeting's inloop time and its
registration deadline."""

from peewee import *


def up(migrator, db):
    migrator.migrate(
        migrator.add_column("meeting", "walk_in_at", DateTimeField(null=True)),
        migrator.add_column("meeting", "registration_closes_at", DateTimeField(null=True)),
    )

    class Meeting(Model):
        class Meta:
            database = db
            table_name = "meeting"

    class Organisation(Model):
        class Meta:
            database = db
            table_name = "organisation"

    class Registration(Model):
        meeting = ForeignKeyField(Meeting, on_delete="CASCADE")
        name = CharField()
        email = CharField(default="")
        organisation = ForeignKeyField(Organisation, null=True, on_delete="SET NULL")
        organisation_other = CharField(default="")
        answer = CharField(default="onbevestigd")
        code = CharField(unique=True)
        walk_in = BooleanField(default=False)
        confirmed_at = DateTimeField(null=True)
        waiting_since = DateTimeField(null=True)
        attended = BooleanField(null=True)
        created_at = DateTimeField()

        class Meta:
            database = db
            table_name = "meeting_registration"
            indexes = ((("meeting", "answer"), False), (("meeting", "email"), False))

    db.create_tables([Registration])


def down(migrator, db):
    migrator.migrate(
        migrator.drop_table("meeting_registration"),
        migrator.drop_column("meeting", "walk_in_at"),
        migrator.drop_column("meeting", "registration_closes_at"),
    )
