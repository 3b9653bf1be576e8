"""Netwerk: networks and their members, meetings, programmes, invitations, contributions,
jaargesprekken and the network's schooljaren (issue 16)."""

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

    class Meeting(Model):
        kind = CharField()
        title = CharField()
        description = TextField(default="")
        starts_at = DateTimeField(index=True)
        ends_at = DateTimeField()
        location = CharField(default="")
        capacity = IntegerField(null=True)
        audience = CharField()
        named_emails = TextField(default="")
        asks_contributions = BooleanField(default=False)
        contributions_call = TextField(default="")
        state = CharField(index=True)
        published_at = DateTimeField(null=True)
        created_by = ForeignKeyField(User, null=True, on_delete="SET NULL")
        created_at = DateTimeField()

        class Meta:
            database = db
            table_name = "meeting"

    db.create_tables([Meeting])

    class Network(Model):
        slug = CharField(unique=True)
        name = CharField(unique=True)
        kind = CharField()
        question = TextField(default="")
        description = TextField(default="")
        position = IntegerField(default=0)

        class Meta:
            database = db
            table_name = "network"

    db.create_tables([Network])

    class Contribution(Model):
        meeting = ForeignKeyField(Meeting, on_delete="CASCADE")
        organisation = ForeignKeyField(Organisation, on_delete="CASCADE")
        network = ForeignKeyField(Network, null=True, on_delete="SET NULL")
        submitted_by = ForeignKeyField(User, null=True, on_delete="SET NULL")
        title = CharField()
        description = TextField()
        partners_involved = TextField(default="")
        needs = TextField(default="")
        state = CharField(index=True)
        created_at = DateTimeField()

        class Meta:
            database = db
            table_name = "contribution"

    db.create_tables([Contribution])

    class Invitation(Model):
        meeting = ForeignKeyField(Meeting, on_delete="CASCADE")
        user = ForeignKeyField(User, on_delete="CASCADE")
        answer = CharField(default="uitgenodigd")
        answered_at = DateTimeField(null=True)
        waiting_since = DateTimeField(null=True)
        reminded_at = DateTimeField(null=True)
        attended = BooleanField(null=True)
        created_at = DateTimeField()

        class Meta:
            database = db
            table_name = "invitation"
            indexes = (
                (("meeting", "user"), True),
                (("meeting", "answer"), False),
                (("user", "meeting"), False),
            )

    db.create_tables([Invitation])

    class Jaargesprek(Model):
        organisation = ForeignKeyField(Organisation, on_delete="CASCADE")
        schooljaar = IntegerField()
        state = CharField(default="gepland")
        planned_on = DateField()
        who = CharField(default="")
        held_on = DateField(null=True)
        notes = TextField(default="")
        follow_ups = TextField(default="")
        updated_by = ForeignKeyField(User, null=True, on_delete="SET NULL")
        updated_at = DateTimeField()

        class Meta:
            database = db
            table_name = "jaargesprek"
            indexes = ((("organisation", "schooljaar"), True),)

    db.create_tables([Jaargesprek])

    class MeetingNetwork(Model):
        meeting = ForeignKeyField(Meeting, on_delete="CASCADE")
        network = ForeignKeyField(Network, on_delete="CASCADE")

        class Meta:
            database = db
            table_name = "meeting_network"
            indexes = ((("meeting", "network"), True),)

    db.create_tables([MeetingNetwork])

    class NetworkMember(Model):
        network = ForeignKeyField(Network, on_delete="CASCADE")
        user = ForeignKeyField(User, on_delete="CASCADE")
        zichthouder = BooleanField(default=False)
        joined_at = DateTimeField()

        class Meta:
            database = db
            table_name = "network_member"
            indexes = ((("network", "user"), True),)

    db.create_tables([NetworkMember])

    class NetworkYear(Model):
        schooljaar = IntegerField(unique=True)
        state = CharField(index=True)

        class Meta:
            database = db
            table_name = "network_year"

    db.create_tables([NetworkYear])

    class ProgrammePart(Model):
        meeting = ForeignKeyField(Meeting, on_delete="CASCADE")
        position = IntegerField(default=0)
        title = CharField()
        description = TextField(default="")
        network = ForeignKeyField(Network, null=True, on_delete="SET NULL")
        contribution = ForeignKeyField(Contribution, unique=True, null=True, on_delete="CASCADE")

        class Meta:
            database = db
            table_name = "programme_part"

    db.create_tables([ProgrammePart])


def down(migrator, db):
    migrator.migrate(migrator.drop_table("programme_part"))
    migrator.migrate(migrator.drop_table("network_year"))
    migrator.migrate(migrator.drop_table("network_member"))
    migrator.migrate(migrator.drop_table("meeting_network"))
    migrator.migrate(migrator.drop_table("jaargesprek"))
    migrator.migrate(migrator.drop_table("invitation"))
    migrator.migrate(migrator.drop_table("contribution"))
    migrator.migrate(migrator.drop_table("network"))
    migrator.migrate(migrator.drop_table("meeting"))
