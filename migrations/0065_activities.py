"""Partners' activities and educational offer, and the activities a newsletter carries
(issue 27)."""

from peewee import *


def up(migrator, db):
    class User(Model):
        class Meta:
            database = db
            table_name = "user"

    class Organisation(Model):
        class Meta:
            database = db
            table_name = "organisation"

    class Activity(Model):
        organisation = ForeignKeyField(Organisation, on_delete="CASCADE")
        submitted_by = ForeignKeyField(User, null=True, on_delete="SET NULL")
        title = CharField()
        audience = CharField()
        werkveld = CharField()
        starts_on = DateField()
        ends_on = DateField(null=True)
        link = CharField(default="")
        description = TextField(default="")
        state = CharField(default="ingediend", index=True)
        published_at = DateTimeField(null=True)
        created_at = DateTimeField()

        class Meta:
            database = db
            table_name = "activity"
            indexes = ((("organisation", "state"), False),)

    db.create_tables([Activity])
    migrator.migrate(migrator.add_column("newsletter", "activity_ids", CharField(default="")))


def down(migrator, db):
    migrator.migrate(migrator.drop_column("newsletter", "activity_ids"))
    db.execute_sql('DROP TABLE IF EXISTS "activity"')
