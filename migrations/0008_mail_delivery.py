"""Mail delivery: the kind of each message (for Reply-To) and when to try it next."""

from peewee import *


def up(migrator, db):
    migrator.migrate(
        migrator.add_column("outbox_message", "kind", CharField(default="")),
        migrator.add_column("outbox_message", "next_attempt_at", DateTimeField(null=True)),
        migrator.add_index("outbox_message", ("next_attempt_at",)),
    )


def down(migrator, db):
    migrator.migrate(
        migrator.drop_index("outbox_message", "outbox_message_next_attempt_at"),
        migrator.drop_column("outbox_message", "next_attempt_at"),
        migrator.drop_column("outbox_message", "kind"),
    )
