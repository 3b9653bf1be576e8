"""Every wait for a database lock is bounded (issue 23): another process that holds the
database (SQLite: BEGIN IMMEDIATE, or our writers' flock; PostgreSQL: the lock a seat change
takes) makes a write answer 503 "probeer het zo opnieuw" within DATABASE_LOCK_WAIT, with
nothing changed, and reads keep answering meanwhile."""

import subprocess
import sys
import time

import psycopg2
import pytest

from intranet.app import create_app
from intranet.clock import today
from intranet.db import db, is_sqlite
from intranet.models import Membership
from tests.conftest import PASSWORD, TEST_CONFIG, FreshContextClient
from tests.support import factories

WAIT = 1  # seconds

HOLD_SQLITE = """
import sqlite3, sys
connection = sqlite3.connect(sys.argv[1], isolation_level=None)
connection.execute("BEGIN IMMEDIATE")
print("holding", flush=True)
sys.stdin.read()
"""
HOLD_FLOCK = """
import fcntl, os, sys
descriptor = os.open(sys.argv[1] + "-writer", os.O_RDWR | os.O_CREAT, 0o600)
fcntl.flock(descriptor, fcntl.LOCK_EX)
print("holding", flush=True)
sys.stdin.read()
"""


@pytest.fixture
def impatient(database_url):
    """An app of its own that waits WAIT seconds for a lock."""
    app = create_app({**TEST_CONFIG, "DATABASE_URL": str(database_url), "DATABASE_LOCK_WAIT": WAIT})
    app.test_client_class = FreshContextClient
    with app.app_context():
        yield app
    db.close_all()


def _holder(script, url):
    """Another process that holds a lock until its stdin closes."""
    path = url.removeprefix("sqlite:///")
    holder = subprocess.Popen(
        [sys.executable, "-c", script, path], stdin=subprocess.PIPE, stdout=subprocess.PIPE
    )
    assert holder.stdout.readline() == b"holding\n"
    return holder


def _pg_holder(url):
    """Another connection that holds the lock of the regiegroep's seats, in a transaction."""
    connection = psycopg2.connect(url)
    connection.cursor().execute("SELECT pg_advisory_xact_lock(hashtext('seats:regiegroep'))")
    return connection


def _end_a_seat(app):
    leader = factories.person("projectleider")
    member = factories.person("regiegroep")  # the voorzitter, and the only member
    seat = Membership.get(Membership.user == member.id)
    client = app.test_client()
    response = client.post("/inloggen", data={"email": leader.email, "password": PASSWORD})
    assert response.status_code == 302
    return client, seat


@pytest.mark.parametrize("lock", ["transaction", "flock"])
def test_a_writer_held_up_by_another_process_is_told_to_try_again(impatient, database_url, lock):
    client, seat = _end_a_seat(impatient)
    url = str(database_url)
    if is_sqlite():
        holder = _holder(HOLD_SQLITE if lock == "transaction" else HOLD_FLOCK, url)
        release = holder.stdin.close
    else:
        holder = _pg_holder(url)
        release = holder.close
    try:
        started = time.monotonic()
        response = client.post(
            f"/leden/zetels/{seat.id}/beeindigen", data={"ends_on": today().isoformat()}
        )
        waited = time.monotonic() - started
        page = response.get_data(as_text=True)
        assert response.status_code == 503, page
        assert "probeer het zo opnieuw" in page and response.headers["Retry-After"] == "5"
        assert WAIT * 0.9 <= waited < WAIT * 2 + 1.5
        assert client.get("/leden/").status_code == 200  # reading goes on meanwhile
    finally:
        release()
        if is_sqlite():
            holder.wait(10)
    assert Membership.get_by_id(seat.id).ends_on is None  # nothing changed
    response = client.post(
        f"/leden/zetels/{seat.id}/beeindigen", data={"ends_on": today().isoformat()}
    )
    assert response.status_code == 303  # and once the lock is free, it works
    assert Membership.get_by_id(seat.id).ends_on == today()
