"""The cache generation: one counter that every committed write moves (intranet/cache.py)."""

from peewee import *


def up(migrator, db):
    class CacheGeneration(Model):
        value = BigIntegerField(default=0)

        class Meta:
            database = db
            table_name = "cache_generation"

    db.create_tables([CacheGeneration])
    CacheGeneration.insert(id=1, value=1).execute()


def down(migrator, db):
    migrator.migrate(migrator.drop_table("cache_generation"))
