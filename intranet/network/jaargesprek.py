"""The yearly conversation (jaargesprek) with every partner, per schooljaar."""

from flask import current_app
from peewee import (
    SQL,
    CharField,
    DateField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    TextField,
    fn,
)

from intranet.clock import now, today
from intranet.db import write_transaction
from intranet.models import BaseModel, Organisation, User
from intranet.schooljaar import day_in, schooljaar_of

GEPLAND, GEHOUDEN = "gepland", "gehouden"
STATES = {GEPLAND: "Gepland", GEHOUDEN: "Gehouden"}


class Jaargesprek(BaseModel):
    """A partner's conversation of one schooljaar: planned (when, with whom), then held."""

    organisation = ForeignKeyField(Organisation, backref="jaargesprekken", on_delete="CASCADE")
    schooljaar = IntegerField()
    state = CharField(default=GEPLAND)
    planned_on = DateField()
    who = CharField(default="")  # with whom, in words
    held_on = DateField(null=True)
    notes = TextField(default="")
    follow_ups = TextField(default="")
    updated_by = ForeignKeyField(User, null=True, on_delete="SET NULL")
    updated_at = DateTimeField(default=now)

    class Meta:
        indexes = ((("organisation", "schooljaar"), True),)

    @property
    def state_label(self):
        """Gepland or gehouden."""
        return STATES.get(self.state, self.state)

    @classmethod
    def of(cls, organisation_id, year):
        """The partner's jaargesprek of that schooljaar, or None."""
        return cls.get_or_none(cls.organisation == organisation_id, cls.schooljaar == year)


class NetworkYear(BaseModel):
    """A schooljaar of the network: the case that carries its jaargesprek reminder."""

    schooljaar = IntegerField(unique=True)
    state = CharField(index=True)


def overview(year):
    """[(partner, jaargesprek or None)] for every current partner, by name (two queries)."""
    talks = {
        t.organisation_id: t for t in Jaargesprek.select().where(Jaargesprek.schooljaar == year)
    }
    return [(partner, talks.get(partner.id)) for partner in Organisation.current_partners()]


def partners_without(year):
    """Current partners with no jaargesprek planned or held in that schooljaar."""
    planned = Jaargesprek.select(SQL("1")).where(
        Jaargesprek.organisation == Organisation.id, Jaargesprek.schooljaar == year
    )
    # NOT EXISTS, not NOT IN: peewee writes a NOT IN subquery twice (to see whether it is
    # empty), and the unique (organisation, schooljaar) index answers each partner at once
    return Organisation.current_partners().where(~fn.EXISTS(planned))


def save(organisation, year, user, **fields):
    """Plan or record a partner's jaargesprek (held when `held_on` is given)."""
    fields["state"] = GEHOUDEN if fields.get("held_on") else GEPLAND
    values = {**fields, "updated_by": user.id, "updated_at": now()}
    with write_transaction():
        Jaargesprek.insert(organisation=organisation.id, schooljaar=year, **values).on_conflict(
            conflict_target=[Jaargesprek.organisation, Jaargesprek.schooljaar],
            update=values,
        ).execute()
    return Jaargesprek.of(organisation.id, year)


def reminder_date(year):
    """The day by which every partner should have a jaargesprek planned (a setting)."""
    month, day = current_app.config["JAARGESPREK_PLANNED_BY"]
    return day_in(year, month, day)


def current_year():
    """The current schooljaar."""
    return schooljaar_of(today())
