"""The application form keeps its answers between steps on the server (issue 26)."""

from peewee import *


def up(migrator, db):
    class User(Model):
        class Meta:
            database = db
            table_name = "user"

    class FormAnswers(Model):
        key = CharField(unique=True)
        user = ForeignKeyField(User, null=True, on_delete="CASCADE")
        email = CharField(default="")
        values = TextField(default="{}")
        done = TextField(default="[]")
        nonce = CharField()
        created_at = DateTimeField()
        updated_at = DateTimeField()

        class Meta:
            database = db
            table_name = "form_answers"

    db.create_tables([FormAnswers])


def down(migrator, db):
    db.execute_sql('DROP TABLE IF EXISTS "form_answers"')
