"""Fixtures: an app on a fresh database per test (SQLite file, or PostgreSQL when
TEST_DATABASE_URL is set), the demo on it (seeded once per worker, restored per test), a
client, a CLI runner, helpers to make people and log in, the people and records that tests of
several modules share, a local SMTP server, and the authorization matrix's run. Helper
functions live in tests/support/."""

import copy
import os
import secrets
import shutil
import sqlite3
import tempfile
from contextlib import closing
from urllib.parse import urlsplit, urlunsplit

import psycopg2
import pytest
from flask import Flask
from flask.testing import FlaskClient
from peewee import AutoField, SqliteDatabase

from intranet.app import create_app
from intranet.db import db, upgrade
from intranet.network.models import Network
from intranet.schema import MODELS
from tests.support import decide, factories, rounds_support, snapshots
from tests.support.matrix_run import matrix_run
from tests.support.smtp_server import Recorder, smtp_server

pytest_plugins = ["tests.support.browser"]  # live_server and browser fixtures for browser tests

# TEST_DATABASE_URL names a PostgreSQL server to test on; the suite makes its own database
# there (one name per run and pytest-xdist worker, shared with the worker's subprocesses) and
# drops it afterwards, so it never touches a database it did not create and runs do not meet.
PG_SERVER_URL = os.environ.get("TEST_DATABASE_URL")
WORKER = os.environ.get("PYTEST_XDIST_WORKER", "main")
_RUN = os.environ.setdefault("INTRANET_TEST_RUN", f"{os.getpid()}_{secrets.token_hex(4)}")
PG_DATABASE = f"intranet_test_{_RUN}_{WORKER}"
PG_URL = PG_SERVER_URL and urlunsplit(urlsplit(PG_SERVER_URL)._replace(path=f"/{PG_DATABASE}"))
PASSWORD = factories.PASSWORD
# Apps the tests make keep their instance files (the tick's stamp) here, never in instance/.
os.environ.setdefault("INTRANET_INSTANCE", tempfile.mkdtemp(prefix="intranet-test-instance-"))

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


def _emptying_sql(sqlite):
    """Statements that empty every table and restart its ids, children before parents.

    DELETE plus resetting the sequences costs a few milliseconds where TRUNCATE of every
    table costs a few hundred on PostgreSQL. (SQLite's ids restart by themselves: no table
    is AUTOINCREMENT.)
    """
    statements = [f'DELETE FROM "{model._meta.table_name}"' for model in reversed(MODELS)]
    if not sqlite:
        statements += [
            f"SELECT setval(pg_get_serial_sequence('\"{model._meta.table_name}\"', "
            f"'{model._meta.primary_key.column_name}'), 1, false)"
            for model in MODELS
            if isinstance(model._meta.primary_key, AutoField)
        ]
    return statements


def _truncate_all():
    """Empty the bound database, as the migrations leave it."""
    with db.atomic():
        for statement in _emptying_sql(isinstance(db.obj, SqliteDatabase)):
            db.execute_sql(statement)


def _empty(url):
    """Empty the database of a URL through the driver itself, before any app touches it."""
    if url.startswith("sqlite:///"):
        connection = sqlite3.connect(url.removeprefix("sqlite:///"))
    else:
        connection = psycopg2.connect(url)
    with closing(connection):
        statements = _emptying_sql(isinstance(connection, sqlite3.Connection))
        if isinstance(connection, sqlite3.Connection):
            connection.executescript(";\n".join(["BEGIN", *statements, "COMMIT"]))
        else:  # one round trip
            connection.cursor().execute(";\n".join(statements))
        connection.commit()


def _server_connection():
    connection = psycopg2.connect(PG_SERVER_URL)
    connection.autocommit = True
    return connection


def _create_database():
    with closing(_server_connection()) as connection, connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{PG_DATABASE}"')
        cursor.execute(f'CREATE DATABASE "{PG_DATABASE}"')
        # The tests' own database: a commit need not wait for the disk (a crash loses it anyway).
        cursor.execute(f'ALTER DATABASE "{PG_DATABASE}" SET synchronous_commit TO off')


def _drop_database():
    db.close_all()
    with closing(_server_connection()) as connection, connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{PG_DATABASE}" WITH (FORCE)')


@pytest.fixture(scope="session")
def database_template(tmp_path_factory, request):
    """The migrated schema, built once per session (per worker)."""
    if PG_URL:
        _create_database()
        request.addfinalizer(_drop_database)
        app = create_app({**TEST_CONFIG, "DATABASE_URL": PG_URL})
        with app.app_context():
            upgrade()
        db.close_all()  # no idle connection of the template's pool stays (db restore counts them)
        return PG_URL
    path = tmp_path_factory.mktemp("template") / "template.sqlite3"
    app = create_app({**TEST_CONFIG, "DATABASE_URL": f"sqlite:///{path}"})
    with app.app_context():
        upgrade()
        db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close_all()
    return path


@pytest.fixture(scope="session")
def matrix(database_template, tmp_path_factory):
    """Every route asked as every role, on a database of its own: the answers the
    authorization matrix and the header checks read (tests/support/matrix_run.py)."""
    return matrix_run(database_template, tmp_path_factory)


def worker_database(database_template, tmp_path_factory):
    """The URL of the worker's migrated database (on SQLite a copy of the template, made on
    first use)."""
    if PG_URL:
        return PG_URL
    path = tmp_path_factory.getbasetemp() / "intranet.sqlite3"
    if not path.exists():
        shutil.copy(database_template, path)
    return f"sqlite:///{path}"


@pytest.fixture
def database_url(database_template, tmp_path_factory):
    """The worker's migrated database, emptied for this test."""
    url = worker_database(database_template, tmp_path_factory)
    _empty(url)
    return url


class FreshContextClient(FlaskClient):
    """A test client whose every request runs in its own app context, as in production.

    The app fixture keeps an app context pushed for the test's own code; without this,
    requests would share its `g` (and Flask-Login's cached user) and skip the teardown.
    """

    def open(self, *args, **kwargs):
        with self.application.app_context():
            return super().open(*args, **kwargs)


# One app per worker and database, kept while tests leave its settings alone: building
# the URL map is most of create_app's cost, and every test asked for a new one.
_APPS = {}


def _settings(app):
    return copy.deepcopy(dict(app.config))


def _app_for(url):
    """The worker's app for this database, and the database object it binds."""
    if url not in _APPS:
        app = create_app({**TEST_CONFIG, "DATABASE_URL": url})
        app.test_client_class = FreshContextClient
        _APPS[url] = app, db.obj, _settings(app)
    return _APPS[url]


@pytest.fixture
def app(database_url, tmp_path, request) -> Flask:
    """The app on the worker's database, emptied for this test.

    A test that adds routes is marked `fresh_app`: Flask takes routes only before an app's
    first request.
    """
    if request.node.get_closest_marker("fresh_app"):
        _APPS.pop(database_url, None)
    app, database, settings = _app_for(database_url)
    db.initialize(database)  # a test may have bound the proxy to an app of its own
    app.instance_path = str(tmp_path / "instance")
    os.makedirs(app.instance_path, exist_ok=True)
    ctx = app.app_context()
    ctx.push()
    yield app
    ctx.pop()
    db.close_all()
    changed = _settings(app) != settings  # the test changed a setting
    if changed or request.node.get_closest_marker("fresh_app"):
        del _APPS[database_url]


@pytest.fixture(scope="session")
def demo_snapshot(database_template, tmp_path_factory):
    """The demo as `seed-demo` leaves an empty database, seeded once per worker into the
    worker's database and kept (tests/support/snapshots.py), with the instance folder the
    seeding wrote (the news images)."""
    url = worker_database(database_template, tmp_path_factory)
    _empty(url)
    app = create_app({**TEST_CONFIG, "DATABASE_URL": url})
    app.instance_path = str(tmp_path_factory.mktemp("demo") / "instance")
    with app.app_context():
        result = app.test_cli_runner().invoke(args=["seed-demo"])
        assert result.exit_code == 0, result.output
    db.close_all()
    return snapshots.take(url), app.instance_path


@pytest.fixture
def demo(demo_snapshot, app):
    """The app on the demo as the real `seed-demo` leaves an empty database: the worker's
    snapshot written into the database `app` emptied, for this test to change as it likes."""
    snapshot, instance = demo_snapshot
    snapshot.restore()
    shutil.copytree(instance, app.instance_path, dirs_exist_ok=True)
    return app


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


# People in their roles.
@pytest.fixture
def leader(make_user):
    """The projectleider."""
    return make_user("projectleider")


@pytest.fixture
def leader_logged_in(leader, login):
    """The projectleider, logged in on the test client."""
    login(leader)
    return leader


@pytest.fixture
def museum(make_organisation):
    """A partner with an uitgebreid membership, whose activities may be published."""
    return make_organisation(name="Museum Boerhaave", membership_type="uitgebreid")


@pytest.fixture
def museum_contact(make_user, museum):
    """The museum's contactpersoon."""
    return make_user(organisation=museum, name="Sanne Jansen", email="sanne@boerhaave.example.org")


@pytest.fixture
def applicant(make_user):
    """Someone with an account and no role, who applies."""
    return make_user()


@pytest.fixture
def cast(make_user):
    """Everyone an admission case involves (`decide.people`: three projectgroep members)."""
    return decide.people(make_user)


@pytest.fixture
def cast_of_five(make_user):
    """The cast with a projectgroep of five: two votes leave a vote open, a third closes it."""
    return decide.people(make_user, members=5)


# Records the tests of several modules start from.
@pytest.fixture
def school(make_organisation):
    """A PO school."""
    return make_organisation(name="Basisschool De Regenboog", sector="PO")


@pytest.fixture
def network(app):
    """A dwarslijn network with its question."""
    return Network.create(
        slug="duurzaamheid",
        name="Duurzaamheid",
        kind="dwarslijn",
        question="Hoe kunnen we onze leerlingen voorbereiden op een duurzame toekomst?",
    )


@pytest.fixture
def submitted(applicant):
    """A basis application the applicant submitted: it waits for the projectleider."""
    return factories.Case(applicant, route="basis").submitted().get()


@pytest.fixture
def nominated(cast):
    """An uitgebreid application (Techniek Lab) the projectleider nominated: the vote is open."""
    return factories.Case(cast.applicant, name="Techniek Lab").nominated(cast.leader).get()


@pytest.fixture
def signing_round(make_organisation, make_user):
    """A signing round over two partners, each with a contactpersoon (the museum also with an
    achtervang): (round, museum, school, {"museum", "school", "backup": person})."""
    museum = make_organisation(name="Museum Boerhaave")
    school = make_organisation(name="Vlietlandcollege")
    people = {
        "museum": make_user(organisation=museum),
        "school": make_user(organisation=school),
        "backup": make_user(organisation=museum, kind="achtervang"),
    }
    _, following = rounds_support.renewal_setup()
    return rounds_support.open_renewal(following), museum, school, people


@pytest.fixture
def smtp(app):
    """A local SMTP server the app delivers to: what it received is in `.messages`; a test
    turns a recipient away with `.refuse[address] = reply`."""
    recorder = Recorder()
    with smtp_server(recorder) as config:
        app.config.update(config)
        yield recorder
