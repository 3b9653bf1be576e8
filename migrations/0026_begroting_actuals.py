"""The whole begroting: an actual amount per line beside its budget (issue 25)."""

from peewee import *


def up(migrator, db):
    migrator.migrate(
        migrator.add_column(
            "budget_line", "actual", DecimalField(max_digits=10, decimal_places=2, null=True)
        ),
    )


def down(migrator, db):
    migrator.migrate(migrator.drop_column("budget_line", "actual"))
