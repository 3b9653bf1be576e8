"""Indexes for the partner directory: partners by name and by municipality."""

from peewee import *


def up(migrator, db):
    migrator.migrate(migrator.add_index("organisation", ("status", "municipality")))
    migrator.migrate(migrator.add_index("organisation", ("status", "name")))


def down(migrator, db):
    migrator.migrate(migrator.drop_index("organisation", "organisation_status_name"))
    migrator.migrate(migrator.drop_index("organisation", "organisation_status_municipality"))
