"""Admission: applications, referees, votes and the regiegroep's comments."""

from peewee import *


def up(migrator, db):
    class Organisation(Model):
        class Meta:
            database = db
            table_name = "organisation"

    class User(Model):
        class Meta:
            database = db
            table_name = "user"

    class Application(Model):
        organisation = ForeignKeyField(Organisation)
        applicant = ForeignKeyField(User)
        route = CharField()
        profile = TextField(default="")
        backup_name = CharField(default="")
        backup_email = CharField(default="")
        state = CharField(index=True, default="concept")
        vote_deadline = DateTimeField(null=True)
        escalated_at = DateTimeField(null=True)
        created_at = DateTimeField()
        submitted_at = DateTimeField(null=True)

        class Meta:
            database = db
            table_name = "application"

    db.create_tables([Application])

    class Comment(Model):
        application = ForeignKeyField(Application, on_delete="CASCADE")
        author = ForeignKeyField(User)
        text = TextField()
        created_at = DateTimeField()

        class Meta:
            database = db
            table_name = "comment"

    db.create_tables([Comment])

    class Referee(Model):
        application = ForeignKeyField(Application, on_delete="CASCADE")
        name = CharField()
        email = CharField()
        organisation = CharField(default="")
        relation = CharField(default="")
        status = CharField(default="concept")
        recommendation = CharField(default="")
        text = TextField(default="")
        invited_at = DateTimeField(null=True)
        reminded_at = DateTimeField(null=True)
        answered_at = DateTimeField(null=True)

        class Meta:
            database = db
            table_name = "referee"

    db.create_tables([Referee])

    class Vote(Model):
        application = ForeignKeyField(Application, on_delete="CASCADE")
        member = ForeignKeyField(User)
        choice = CharField()
        motivation = TextField(default="")
        recorded_by = ForeignKeyField(User, null=True)
        cast_at = DateTimeField()

        class Meta:
            database = db
            table_name = "vote"
            indexes = ((("application", "member"), True),)

    db.create_tables([Vote])


def down(migrator, db):
    migrator.migrate(migrator.drop_table("vote"))
    migrator.migrate(migrator.drop_table("referee"))
    migrator.migrate(migrator.drop_table("comment"))
    migrator.migrate(migrator.drop_table("application"))
