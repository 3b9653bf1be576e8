"""News and good-practice stories, published by the projectleider."""

from peewee import *


def up(migrator, db):
    class User(Model):
        class Meta:
            database = db
            table_name = "user"

    class Network(Model):
        class Meta:
            database = db
            table_name = "network"

    class NewsItem(Model):
        kind = CharField()
        title = CharField()
        summary = TextField(default="")
        body = TextField(default="")
        image = CharField(default="")
        image_alt = CharField(default="")
        hoofdthema = CharField(default="")
        network = ForeignKeyField(Network, null=True, on_delete="SET NULL")
        werkvelden = CharField(default="")
        published_at = DateTimeField(null=True, index=True)
        created_by = ForeignKeyField(User, null=True, on_delete="SET NULL")
        created_at = DateTimeField()

        class Meta:
            database = db
            table_name = "news_item"

    db.create_tables([NewsItem])


def down(migrator, db):
    migrator.migrate(migrator.drop_table("news_item"))
