"""The base model: every table lives in the proxied database."""

from peewee import Model, sort_models

from intranet.db import db


class BaseModel(Model):
    """Base for every table of the intranet."""

    class Meta:
        database = db
        legacy_table_names = False


def all_models():
    """Every model of the intranet, in dependency order (features must be imported)."""
    found, todo = [], list(BaseModel.__subclasses__())
    while todo:
        model = todo.pop()
        found.append(model)
        todo.extend(model.__subclasses__())
    return sort_models(found)
