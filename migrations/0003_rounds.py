"""Convenant periods, period memberships, continuation decisions, rounds and their invitations."""

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

    class ConvenantPeriod(Model):
        name = CharField(unique=True)
        starts_on = DateField()
        ends_on = DateField()
        signing_deadline = DateField(null=True)
        text = TextField(default="")
        previous = ForeignKeyField("self", null=True, on_delete="SET NULL")
        state = CharField(index=True)
        created_at = DateTimeField()
        created_by = ForeignKeyField(User, null=True, on_delete="SET NULL")

        class Meta:
            database = db
            table_name = "convenant_period"

    db.create_tables([ConvenantPeriod])

    class ContinuationDecision(Model):
        period = ForeignKeyField(ConvenantPeriod, unique=True, on_delete="CASCADE")
        state = CharField(index=True)
        due_at = DateTimeField()
        motivation = TextField(default="")
        decided_by = ForeignKeyField(User, null=True, on_delete="SET NULL")
        decided_at = DateTimeField(null=True)

        class Meta:
            database = db
            table_name = "continuation_decision"

    db.create_tables([ContinuationDecision])

    class PeriodMembership(Model):
        period = ForeignKeyField(ConvenantPeriod, on_delete="CASCADE")
        organisation = ForeignKeyField(Organisation, on_delete="CASCADE")
        via = CharField(default="")
        joined_at = DateTimeField()

        class Meta:
            database = db
            table_name = "period_membership"
            indexes = ((("period", "organisation"), True),)

    db.create_tables([PeriodMembership])

    class Round(Model):
        period = ForeignKeyField(ConvenantPeriod, on_delete="CASCADE")
        kind = CharField()
        deadline = DateTimeField()
        opened_at = DateTimeField()
        opened_by = ForeignKeyField(User, null=True, on_delete="SET NULL")

        class Meta:
            database = db
            table_name = "convenant_round"
            indexes = ((("period", "kind"), True),)

    db.create_tables([Round])

    class RenewalInvitation(Model):
        round = ForeignKeyField(Round, on_delete="CASCADE")
        organisation = ForeignKeyField(Organisation, on_delete="CASCADE")
        state = CharField(index=True)
        answered_at = DateTimeField(null=True)
        answered_by = ForeignKeyField(User, null=True, on_delete="SET NULL")
        signer_name = CharField(default="")
        signer_function = CharField(default="")
        signed_on = DateField(null=True)
        authorised = BooleanField(default=False)
        decline_reason = TextField(default="")

        class Meta:
            database = db
            table_name = "renewal_invitation"
            indexes = ((("round", "organisation"), True), (("round", "state"), False))

    db.create_tables([RenewalInvitation])

    class VriendInvitation(Model):
        round = ForeignKeyField(Round, on_delete="CASCADE")
        organisation = ForeignKeyField(Organisation, on_delete="CASCADE")
        state = CharField(index=True)
        answered_at = DateTimeField(null=True)
        answered_by = ForeignKeyField(User, null=True, on_delete="SET NULL")
        decline_reason = TextField(default="")

        class Meta:
            database = db
            table_name = "vriend_invitation"
            indexes = ((("round", "organisation"), True), (("round", "state"), False))

    db.create_tables([VriendInvitation])


def down(migrator, db):
    migrator.migrate(migrator.drop_table("vriend_invitation"))
    migrator.migrate(migrator.drop_table("renewal_invitation"))
    migrator.migrate(migrator.drop_table("convenant_round"))
    migrator.migrate(migrator.drop_table("period_membership"))
    migrator.migrate(migrator.drop_table("continuation_decision"))
    migrator.migrate(migrator.drop_table("convenant_period"))
