"""Credit notes in the invoices' series, and an attachment made when a message is sent
(issue 25)."""

from peewee import *


def up(migrator, db):
    class Invoice(Model):
        class Meta:
            database = db
            table_name = "invoice"

    migrator.migrate(
        migrator.add_column(
            "invoice",
            "credit_of_id",
            ForeignKeyField(Invoice, field=Invoice.id, null=True, on_delete="RESTRICT"),
        ),
        migrator.add_column("outbox_message", "attachment", CharField(default="")),
    )


def down(migrator, db):
    migrator.migrate(
        migrator.drop_column("invoice", "credit_of_id"),
        migrator.drop_column("outbox_message", "attachment"),
    )
