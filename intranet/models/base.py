"""The base model: every table lives in the proxied database."""

from peewee import Model

from intranet.db import db


class BaseModel(Model):
    """Base for every table of the intranet."""

    class Meta:
        database = db
        legacy_table_names = False
