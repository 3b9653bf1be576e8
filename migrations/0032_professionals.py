"""Professionals: a person of a partner or vriend with an account, and the newsletters each
person chose to receive."""

from peewee import *


def up(migrator, db):
    class User(Model):
        class Meta:
            database = db
            table_name = "user"

    class Organisation(Model):
        class Meta:
            database = db
            table_name = "organisation"

    class Professional(Model):
        user = ForeignKeyField(User, unique=True, on_delete="CASCADE")
        organisation = ForeignKeyField(Organisation, index=True, on_delete="CASCADE")
        created_at = DateTimeField()

        class Meta:
            database = db
            table_name = "professional"

    class NewsletterSubscription(Model):
        user = ForeignKeyField(User, on_delete="CASCADE")
        werkveld = CharField()
        created_at = DateTimeField()

        class Meta:
            database = db
            table_name = "newsletter_subscription"
            indexes = ((("user", "werkveld"), True), (("werkveld",), False))

    db.create_tables([Professional, NewsletterSubscription])


def down(migrator, db):
    migrator.migrate(
        migrator.drop_table("newsletter_subscription"), migrator.drop_table("professional")
    )
