"""Newsletters per werkveld, their recipients, and the state of a mail address (unsubscribed
from newsletters, or bounced)."""

from peewee import *


def up(migrator, db):
    class User(Model):
        class Meta:
            database = db
            table_name = "user"

    class Newsletter(Model):
        subject = CharField()
        introduction = TextField(default="")
        werkvelden = CharField(default="")
        news_ids = CharField(default="")
        meeting_ids = CharField(default="")
        state = CharField(default="concept", index=True)
        sent_at = DateTimeField(null=True, index=True)
        created_by = ForeignKeyField(User, null=True, on_delete="SET NULL")
        created_at = DateTimeField()

        class Meta:
            database = db
            table_name = "newsletter"

    class NewsletterRecipient(Model):
        newsletter = ForeignKeyField(Newsletter, on_delete="CASCADE")
        email = CharField()
        name = CharField(default="")
        reason = CharField(default="")
        code = CharField(unique=True)

        class Meta:
            database = db
            table_name = "newsletter_recipient"
            indexes = ((("newsletter", "email"), True),)

    class MailAddress(Model):
        email = CharField(unique=True)
        unsubscribed_at = DateTimeField(null=True)
        bounced_at = DateTimeField(null=True)
        bounce_error = TextField(default="")

        class Meta:
            database = db
            table_name = "mail_address"

    db.create_tables([Newsletter, NewsletterRecipient, MailAddress])


def down(migrator, db):
    migrator.migrate(
        migrator.drop_table("newsletter_recipient"),
        migrator.drop_table("newsletter"),
        migrator.drop_table("mail_address"),
    )
