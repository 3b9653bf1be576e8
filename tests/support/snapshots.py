"""A test database's content kept in memory and written back, so that data built once per
worker (the demo: tests/conftest.py, `demo`) gives every test that needs it a copy of its own.

SQLite: the whole file, through SQLite's backup API. PostgreSQL: every table's rows
(`COPY ... TO STDOUT`) and where each id sequence stood, written back into the emptied
database in one transaction (`COPY ... FROM STDIN`, then `setval`).
"""

import io
import sqlite3
from contextlib import closing

import psycopg2
from peewee import AutoField

from intranet.schema import MODELS


def take(url):
    """The content of the database at url, as a snapshot that writes it back."""
    if url.startswith("sqlite:///"):
        return SqliteSnapshot(url.removeprefix("sqlite:///"))
    return PostgresSnapshot(url)


class SqliteSnapshot:
    """A SQLite file's pages, kept in an in-memory database."""

    def __init__(self, path):
        self.path = path
        self.kept = sqlite3.connect(":memory:")
        with closing(sqlite3.connect(path)) as source:
            source.backup(self.kept)

    def restore(self):
        """Write the kept pages over the file."""
        with closing(sqlite3.connect(self.path)) as target:
            self.kept.backup(target)


def _sequences(cursor):
    """The name of every id sequence (one per model with an automatic id)."""
    keys = [
        (model._meta.table_name, model._meta.primary_key.column_name)
        for model in MODELS
        if isinstance(model._meta.primary_key, AutoField)
    ]
    calls = [f"pg_get_serial_sequence('\"{table}\"', '{column}')" for table, column in keys]
    cursor.execute(f"SELECT {', '.join(calls)}")
    return cursor.fetchone()


class PostgresSnapshot:
    """A PostgreSQL database's rows per table (COPY's text format) and its sequences' state."""

    def __init__(self, url):
        self.url = url
        with closing(psycopg2.connect(url)) as connection, connection.cursor() as cursor:
            self.rows = {}
            for model in MODELS:  # parents before children: the order to write them back
                table, out = model._meta.table_name, io.BytesIO()
                cursor.copy_expert(f'COPY "{table}" TO STDOUT', out)
                if out.getvalue():
                    self.rows[table] = out.getvalue()
            self.sequences = {}
            for sequence in _sequences(cursor):
                cursor.execute(f"SELECT last_value, is_called FROM {sequence}")
                self.sequences[sequence] = cursor.fetchone()

    def restore(self):
        """Write the rows and the sequences back into the emptied database."""
        with closing(psycopg2.connect(self.url)) as connection, connection.cursor() as cursor:
            for table, rows in self.rows.items():
                cursor.copy_expert(f'COPY "{table}" FROM STDIN', io.BytesIO(rows))
            calls = ", ".join(["setval(%s, %s, %s)"] * len(self.sequences))
            cursor.execute(
                f"SELECT {calls}",
                [value for name, state in self.sequences.items() for value in (name, *state)],
            )
            connection.commit()
