"""Abonnementsgelden: agreements, the begroting per line, billing addresses and invoices.

The schooljaar now starts on 1 August (only 2018-2019's obligations start on 1 October).
No stored figure depends on that start: rates are stored per schooljaar by its start year,
so nothing is moved.
"""

from peewee import *


def up(migrator, db):
    class Organisation(Model):
        class Meta:
            database = db
            table_name = "organisation"

    class FeeAgreement(Model):
        organisation = ForeignKeyField(Organisation, on_delete="CASCADE")
        schooljaar = IntegerField()
        kind = CharField()
        amount = DecimalField(null=True, decimal_places=2)
        note = CharField(default="")
        updated_at = DateTimeField()

        class Meta:
            database = db
            table_name = "fee_agreement"
            indexes = ((("schooljaar", "organisation"), True),)

    class BudgetLine(Model):
        schooljaar = IntegerField()
        line = CharField()
        amount = DecimalField(null=True, decimal_places=2)
        updated_at = DateTimeField()

        class Meta:
            database = db
            table_name = "budget_line"
            indexes = ((("schooljaar", "line"), True),)

    class BillingAddress(Model):
        organisation = ForeignKeyField(Organisation, unique=True, on_delete="CASCADE")
        address = TextField(default="")
        reference = CharField(default="")
        updated_at = DateTimeField()

        class Meta:
            database = db
            table_name = "billing_address"

    class InvoiceCounter(Model):
        schooljaar = IntegerField(primary_key=True)
        last = IntegerField(default=0)

        class Meta:
            database = db
            table_name = "invoice_counter"

    class Invoice(Model):
        state = CharField(index=True)
        schooljaar = IntegerField()
        sequence = IntegerField()
        number = CharField(unique=True)
        organisation = ForeignKeyField(Organisation, on_delete="RESTRICT")
        kind = CharField()
        description = CharField()
        count = IntegerField(null=True)
        rate = DecimalField(null=True, decimal_places=2)
        amount = DecimalField(decimal_places=2)
        billing_name = CharField()
        billing_address = TextField(default="")
        billing_reference = CharField(default="")
        contact_name = CharField(default="")
        contact_email = CharField(default="")
        issued_on = DateField()
        due_on = DateField()
        paid_on = DateField(null=True)
        reminded_on = DateField(null=True)
        created_at = DateTimeField()

        class Meta:
            database = db
            table_name = "invoice"
            indexes = (
                (("schooljaar", "sequence"), True),
                (("schooljaar", "organisation"), False),
            )

    db.create_tables([FeeAgreement, BudgetLine, BillingAddress, InvoiceCounter, Invoice])


def down(migrator, db):
    for table in ("invoice", "invoice_counter", "billing_address", "budget_line", "fee_agreement"):
        migrator.migrate(migrator.drop_table(table))
