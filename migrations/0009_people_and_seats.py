"""Seats with dates, werkveld and hoofdthema (a person may hold several over time), the
date an organisation signed the convenant of a period, and new addresses waiting for their
confirmation."""

import datetime

from peewee import *


def up(migrator, db):
    migrator.migrate(
        migrator.add_column(
            "membership", "starts_on", DateField(default=datetime.date(2018, 10, 31))
        ),
        migrator.add_column("membership", "ends_on", DateField(null=True)),
        migrator.add_column("membership", "werkveld", CharField(default="")),
        migrator.add_column("membership", "hoofdthema", CharField(default="")),
        migrator.drop_index("membership", "membership_user_id_group"),
        migrator.add_index("membership", ("group", "starts_on"), False),
        migrator.add_index("membership", ("user_id", "group"), False),
        migrator.add_column("period_membership", "signed_on", DateField(null=True)),
    )

    class User(Model):
        class Meta:
            database = db
            table_name = "user"

    class AddressChange(Model):
        user = ForeignKeyField(User, on_delete="CASCADE")
        email = CharField()
        requested_at = DateTimeField()
        confirmed_at = DateTimeField(null=True)

        class Meta:
            database = db
            table_name = "address_change"

    db.create_tables([AddressChange])
    # Seats that already exist started when they were recorded.
    rows = db.execute_sql("SELECT id, created_at FROM membership").fetchall()
    for seat_id, created_at in rows:
        if isinstance(created_at, str):
            created_at = datetime.datetime.fromisoformat(created_at)
        db.execute_sql(
            f"UPDATE membership SET starts_on = {db.param} WHERE id = {db.param}",
            (created_at.date(), seat_id),
        )


def down(migrator, db):
    migrator.migrate(migrator.drop_table("address_change"))
    migrator.migrate(
        migrator.drop_column("period_membership", "signed_on"),
        migrator.drop_index("membership", "membership_user_id_group"),
        migrator.drop_index("membership", "membership_group_starts_on"),
        migrator.add_index("membership", ("user_id", "group"), True),
        migrator.drop_column("membership", "hoofdthema"),
        migrator.drop_column("membership", "werkveld"),
        migrator.drop_column("membership", "ends_on"),
        migrator.drop_column("membership", "starts_on"),
    )
