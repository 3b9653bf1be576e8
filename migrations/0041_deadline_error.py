"""The tick: a deadline whose action failed keeps its error (for /healthz) until it fires."""

from peewee import *


def up(migrator, db):
    migrator.migrate(migrator.add_column("deadline", "error", TextField(null=True)))


def down(migrator, db):
    migrator.migrate(migrator.drop_column("deadline", "error"))
