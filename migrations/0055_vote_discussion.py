"""The projectgroep discusses a case on its vote page: comments belong to a discussion (the
projectgroep's or the regiegroep's), the existing ones to the regiegroep's (issue 26)."""

from peewee import *


def up(migrator, db):
    migrator.migrate(
        migrator.add_column("comment", "discussion", CharField(default="regiegroep")),
    )


def down(migrator, db):
    migrator.migrate(migrator.drop_column("comment", "discussion"))
