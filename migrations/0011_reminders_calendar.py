"""Reminders sent to those who have not answered; every person's private calendar link."""

from peewee import *


def up(migrator, db):
    class User(Model):
        class Meta:
            database = db
            table_name = "user"

    class Reminder(Model):
        subject = CharField()
        subject_id = IntegerField()
        sent_at = DateTimeField()
        sent_by = ForeignKeyField(User, null=True, on_delete="SET NULL")
        recipients = IntegerField(default=0)

        class Meta:
            database = db
            table_name = "reminder"
            indexes = ((("subject", "subject_id", "sent_at"), False),)

    class CalendarFeed(Model):
        user = ForeignKeyField(User, unique=True, on_delete="CASCADE")
        token = CharField(unique=True)
        created_at = DateTimeField()

        class Meta:
            database = db
            table_name = "calendar_feed"

    db.create_tables([Reminder, CalendarFeed])


def down(migrator, db):
    migrator.migrate(migrator.drop_table("calendar_feed"))
    migrator.migrate(migrator.drop_table("reminder"))
