"""Mail: a lease per delivery attempt (claim, claimed_at); optional HTML part and headers."""

from peewee import *


def up(migrator, db):
    migrator.migrate(
        migrator.add_column("outbox_message", "claim", CharField(null=True)),
        migrator.add_column("outbox_message", "claimed_at", DateTimeField(null=True)),
        migrator.add_index("outbox_message", ("claimed_at",)),
        migrator.add_column("outbox_message", "html", TextField(null=True)),
        migrator.add_column("outbox_message", "headers", TextField(null=True)),
    )


def down(migrator, db):
    migrator.migrate(
        migrator.drop_column("outbox_message", "headers"),
        migrator.drop_column("outbox_message", "html"),
        migrator.drop_index("outbox_message", "outbox_message_claimed_at"),
        migrator.drop_column("outbox_message", "claimed_at"),
        migrator.drop_column("outbox_message", "claim"),
    )
