"""Account links bound to a credential version: deactivating (and every other change of
address or password) ends the links made before it (issue 24)."""

from peewee import *


def up(migrator, db):
    migrator.migrate(migrator.add_column("user", "credential_epoch", IntegerField(default=0)))


def down(migrator, db):
    migrator.migrate(migrator.drop_column("user", "credential_epoch"))
