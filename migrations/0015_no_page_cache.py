"""No page cache: the counter that every committed write moved goes (issue 21)."""

from peewee import *


def up(migrator, db):
    migrator.migrate(migrator.drop_table("cache_generation"))


def down(migrator, db):
    class CacheGeneration(Model):
        value = BigIntegerField(default=0)

        class Meta:
            database = db
            table_name = "cache_generation"

    db.create_tables([CacheGeneration])
    CacheGeneration.insert(id=1, value=1).execute()
