"""Fixtures: an app on a fresh database per test (SQLite file, or PostgreSQL when
TEST_DATABASE_URL is set), a client, a CLI runner, and helpers to make people and log in."""

import os
import secrets
import shutil
from contextlib import closing
from urllib.parse import urlsplit, urlunsplit

import psycopg2
import pytest
from flask import Flask
from flask.testing import FlaskClient

from intranet.app import create_app
from intranet.db import db, upgrade
from intranet.schema import MODELS
from tests import factories

pytest_plugins = ["tests.browser"]  # live_server and browser fixtures for browser tests

# TEST_DATABASE_URL names a PostgreSQL server to test on; the suite makes its own database
# there (one name per run, shared with the run's subprocesses) and drops it afterwards, so
# it never touches a database it did not create and parallel runs do not meet.
PG_SERVER_URL = os.environ.get("TEST_DATABASE_URL")
PG_DATABASE = os.environ.setdefault(
    "INTRANET_TEST_DATABASE", f"intranet_test_{os.getpid()}_{secrets.token_hex(4)}"
)
PG_URL = PG_SERVER_URL and urlunsplit(urlsplit(PG_SERVER_URL)._replace(path=f"/{PG_DATABASE}"))
PASSWORD = factories.PASSWORD

TEST_CONFIG = {
    "TESTING": True,
    "SECRET_KEY": "test-secret",
    "WTF_CSRF_ENABLED": False,  # tests/test_security.py turns it on to test it
    "ARGON2_MEMORY_COST": 8,  # cheap hashing in tests; production parameters: test_auth.py
    "ARGON2_TIME_COST": 1,
    "BASE_URL": "http://localhost",
    "TRUSTED_HOSTS": ["localhost", "127.0.0.1"],  # the test client, and the live server
    "SESSION_COOKIE_SECURE": False,  # the test client speaks plain http
    "REMEMBER_COOKIE_SECURE": False,
}


def _truncate_all():
    names = ", ".join(f'"{model._meta.table_name}"' for model in MODELS)
    db.execute_sql(f"TRUNCATE {names} RESTART IDENTITY CASCADE")


def _server_connection():
    connection = psycopg2.connect(PG_SERVER_URL)
    connection.autocommit = True
    return connection


def _create_database():
    with closing(_server_connection()) as connection, connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{PG_DATABASE}"')
        cursor.execute(f'CREATE DATABASE "{PG_DATABASE}"')


def _drop_database():
    db.close_all()
    with closing(_server_connection()) as connection, connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{PG_DATABASE}" WITH (FORCE)')


@pytest.fixture(scope="session")
def database_template(tmp_path_factory, request):
    """The migrated schema, built once per session."""
    if PG_URL:
        _create_database()
        request.addfinalizer(_drop_database)
        app = create_app({**TEST_CONFIG, "DATABASE_URL": PG_URL})
        with app.app_context():
            upgrade()
        return PG_URL
    path = tmp_path_factory.mktemp("template") / "template.sqlite3"
    app = create_app({**TEST_CONFIG, "DATABASE_URL": f"sqlite:///{path}"})
    with app.app_context():
        upgrade()
        db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close_all()
    return path


@pytest.fixture
def database_url(database_template, tmp_path):
    """A fresh, migrated, empty database for one test."""
    if PG_URL:
        return PG_URL
    path = tmp_path / "intranet.sqlite3"
    shutil.copy(database_template, path)
    return f"sqlite:///{path}"


class FreshContextClient(FlaskClient):
    """A test client whose every request runs in its own app context, as in production.

    The app fixture keeps an app context pushed for the test's own code; without this,
    requests would share its `g` (and Flask-Login's cached user) and skip the teardown.
    """

    def open(self, *args, **kwargs):
        with self.application.app_context():
            return super().open(*args, **kwargs)


@pytest.fixture
def app(database_url, tmp_path) -> Flask:
    """The app on its own database."""
    app = create_app({**TEST_CONFIG, "DATABASE_URL": database_url})
    app.instance_path = str(tmp_path / "instance")
    app.test_client_class = FreshContextClient
    if PG_URL:
        with app.app_context():
            _truncate_all()
    ctx = app.app_context()
    ctx.push()
    yield app
    ctx.pop()
    db.close_all()


@pytest.fixture
def client(app):
    """A test client."""
    return app.test_client()


@pytest.fixture
def runner(app):
    """A CLI runner."""
    return app.test_cli_runner()


@pytest.fixture
def make_user(app):
    """Make a person: make_user('projectgroep'), make_user(organisation=org), ..."""
    return factories.person


@pytest.fixture
def make_organisation(app):
    """Make an organisation; keyword arguments override the defaults."""
    return factories.organisation


@pytest.fixture
def login(client):
    """Log a user in on the test client."""

    def do_login(user, password=PASSWORD, remember=False):
        response = client.post(
            "/inloggen",
            data={"email": user.email, "password": password, "remember": "y" if remember else ""},
        )
        assert response.status_code == 302, response.get_data(as_text=True)
        return response

    return do_login
