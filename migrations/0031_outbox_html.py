"""The outbox keeps an HTML part, extra headers and one text attachment per message."""

from peewee import *


def up(migrator, db):
    migrator.migrate(
        migrator.add_column("outbox_message", "html", TextField(default="")),
        migrator.add_column("outbox_message", "headers", TextField(default="")),
        migrator.add_column("outbox_message", "attachment_name", CharField(default="")),
        migrator.add_column("outbox_message", "attachment", TextField(default="")),
    )


def down(migrator, db):
    migrator.migrate(
        migrator.drop_column("outbox_message", "html"),
        migrator.drop_column("outbox_message", "headers"),
        migrator.drop_column("outbox_message", "attachment_name"),
        migrator.drop_column("outbox_message", "attachment"),
    )
