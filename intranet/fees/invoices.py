"""Invoices of abonnementsgelden: what was billed to whom, numbered without gaps per schooljaar."""

from decimal import Decimal

from peewee import (
    CharField,
    DateField,
    DateTimeField,
    DecimalField,
    ForeignKeyField,
    IntegerField,
    TextField,
    fn,
)

from intranet.clock import now
from intranet.db import locked
from intranet.fees.rules import CENT
from intranet.models import BaseModel, Contact, Organisation, User
from intranet.workflows.states import InvoiceState

OPEN, PAID, CREDITED = InvoiceState.OPEN, InvoiceState.PAID, InvoiceState.CREDITED
CREDIT_NOTE = InvoiceState.CREDIT_NOTE
STATES = {OPEN: "Open", PAID: "Betaald", CREDITED: "Gecrediteerd"}
LABELS = {**STATES, CREDIT_NOTE: "Creditnota"}
NUMBER_PREFIX = "LA"


def invoice_number(year, sequence):
    """An invoice number: LA-2018-0001."""
    return f"{NUMBER_PREFIX}-{year}-{sequence:04d}"


class BillingAddress(BaseModel):
    """Where a partner's invoices go: the address and the partner's own reference."""

    organisation = ForeignKeyField(Organisation, unique=True, on_delete="CASCADE")
    address = TextField(default="")  # several lines: department, street or Postbus, postcode
    reference = CharField(default="")  # the partner's kenmerk or purchase order number
    updated_at = DateTimeField(default=now)

    @classmethod
    def of(cls, organisation):
        """The organisation's billing address, or None."""
        return cls.get_or_none(cls.organisation == organisation.id)

    @classmethod
    def set(cls, organisation, address, reference):
        """Record (or replace) an organisation's billing address."""
        cls.insert(organisation=organisation, address=address, reference=reference).on_conflict(
            conflict_target=[cls.organisation],
            update={cls.address: address, cls.reference: reference, cls.updated_at: now()},
        ).execute()


class InvoiceCounter(BaseModel):
    """The last number given in a schooljaar; its row is locked while invoices are numbered."""

    schooljaar = IntegerField(primary_key=True)
    last = IntegerField(default=0)

    @classmethod
    def lock(cls, year):
        """The year's counter, locked for this transaction (made if missing)."""
        cls.insert(schooljaar=year, last=0).on_conflict_ignore().execute()
        return locked(cls.select().where(cls.schooljaar == year)).get()

    @classmethod
    def last_of(cls, year):
        """The last number given in a schooljaar (0 before the first), without locking."""
        return cls.select(cls.last).where(cls.schooljaar == year).scalar() or 0


class Invoice(BaseModel):
    """One partner's invoice for one schooljaar: a snapshot of the computation and addresses.

    A credit note is a row of its own (state `creditnota`, `credit_of` the invoice it
    credits, a negative amount), numbered in the same series as the invoices.
    """

    state = CharField(default=OPEN, index=True)
    schooljaar = IntegerField()
    sequence = IntegerField()
    number = CharField(unique=True)
    organisation = ForeignKeyField(Organisation, backref="invoices", on_delete="RESTRICT")
    kind = CharField()
    description = CharField()  # the computation in words: 400 leerlingen × € 2,50
    count = IntegerField(null=True)
    rate = DecimalField(max_digits=10, decimal_places=2, null=True)
    amount = DecimalField(max_digits=10, decimal_places=2)
    billing_name = CharField()
    billing_address = TextField(default="")
    billing_reference = CharField(default="")
    contact_name = CharField(default="")
    contact_email = CharField(default="")
    issued_on = DateField()
    due_on = DateField()
    paid_on = DateField(null=True)
    reminded_on = DateField(null=True)
    created_at = DateTimeField(default=now)
    credit_of = ForeignKeyField("self", null=True, backref="credit_notes", on_delete="RESTRICT")

    class Meta:
        indexes = (
            (("schooljaar", "sequence"), True),
            (("schooljaar", "organisation"), False),  # a credited invoice may be replaced
        )

    @property
    def state_label(self):
        """The status in words."""
        return LABELS.get(self.state, self.state)

    @property
    def is_credit_note(self):
        """True for a credit note."""
        return self.state == CREDIT_NOTE

    @property
    def filename(self):
        """Its PDF's file name: factuur-LA-2018-0001.pdf or creditnota-LA-2018-0060.pdf."""
        return f"{'creditnota' if self.is_credit_note else 'factuur'}-{self.number}.pdf"

    @property
    def credit_note(self):
        """The credit note of a credited invoice, or None."""
        return Invoice.get_or_none(Invoice.credit_of == self.id)

    @property
    def asks_payment(self):
        """True while the invoice asks to be paid (open; not paid, credited or a credit note)."""
        return self.state == OPEN

    @property
    def total(self):
        """The amount as an exact Decimal."""
        return Decimal(str(self.amount)).quantize(CENT)

    @property
    def unit_rate(self):
        """The rate as an exact Decimal, or None for a flat amount."""
        return None if self.rate is None else Decimal(str(self.rate)).quantize(CENT)

    @classmethod
    def of_year(cls, year):
        """A schooljaar's invoices in number order."""
        return cls.select().where(cls.schooljaar == year).order_by(cls.sequence)

    @classmethod
    def invoiced_organisations(cls, year):
        """The organisations with an invoice for the schooljaar that was not credited."""
        query = cls.select(cls.organisation).where(
            cls.schooljaar == year, cls.state.not_in([CREDITED, CREDIT_NOTE])
        )
        return {organisation_id for (organisation_id,) in query.tuples()}

    @classmethod
    def of_organisations(cls, organisation_ids):
        """The invoices of these organisations, newest schooljaar first."""
        return (
            cls.select()
            .where(cls.organisation.in_(sorted(organisation_ids) or [0]))
            .order_by(cls.schooljaar.desc(), cls.sequence)
        )

    @classmethod
    def state_counts(cls, year):
        """{state: (number, total amount)} for a schooljaar."""
        query = (
            cls.select(cls.state, fn.COUNT(cls.id), fn.SUM(cls.amount))
            .where(cls.schooljaar == year)
            .group_by(cls.state)
            .tuples()
        )
        return {
            state: (count, Decimal(str(total or 0)).quantize(CENT)) for state, count, total in query
        }


def billing_addresses(organisation_ids):
    """{organisation_id: BillingAddress} of these organisations (a subquery), in one query;
    an address without text does not count."""
    query = BillingAddress.select().where(
        BillingAddress.organisation.in_(organisation_ids), BillingAddress.address != ""
    )
    return {b.organisation_id: b for b in query}


def invoice_contacts(organisation_ids):
    """{organisation_id: User} of these organisations (a subquery): the contactpersoon, else
    the achtervang; only active people."""
    query = (
        Contact.select(Contact, User)
        .join(User)
        .where(Contact.organisation.in_(organisation_ids), User.active)
        .order_by(Contact.kind.desc(), User.name)  # primary before achtervang
    )
    found = {}
    for contact in query:
        found.setdefault(contact.organisation_id, contact.user)
    return found
