"""Fee rates (abonnementsgelden) per schooljaar."""

from peewee import *


def up(migrator, db):
    class FeeRate(Model):
        schooljaar = IntegerField()
        kind = CharField()
        basis = CharField()
        amount = DecimalField(null=True, decimal_places=2)
        updated_at = DateTimeField()

        class Meta:
            database = db
            table_name = "fee_rate"
            indexes = ((("schooljaar", "kind"), True),)

    db.create_tables([FeeRate])


def down(migrator, db):
    migrator.migrate(migrator.drop_table("fee_rate"))
