"""In-process measurements for the load benchmark: SQL statements per request of each page,
the processor time one request takes, and a pyinstrument profile of the slowest page (run
against the seeded database)."""

import time
from contextlib import contextmanager

from pyinstrument import Profiler

from bench.seed import BENCH_SECRET, PASSWORD
from intranet.app import create_app
from intranet.db import db

HTMX = {"HX-Request": "true"}


@contextmanager
def counted():
    """Count the SQL statements run inside the block."""
    statements = []
    original = db.obj.execute_sql

    def counting(sql, params=None, *args, **kwargs):
        statements.append(sql)
        return original(sql, params, *args, **kwargs)

    db.obj.execute_sql = counting
    try:
        yield statements
    finally:
        db.obj.execute_sql = original


def _clients(app, targets):
    clients = {"": app.test_client()}
    for who in ("leader", "member"):
        client = app.test_client()
        response = client.post("/inloggen", data={"email": targets[who], "password": PASSWORD})
        assert response.status_code == 302, f"{who} could not log in"
        clients[who] = client
    return clients


def _request(client, path, body):
    if body is None:
        return client.get(path)
    return client.post(path, data=body, headers=HTMX)


def processor_ms(client, path, body, requests):
    """The least processor time (ms) this process spent on one of `requests` requests: less
    sensitive to other work on the machine than wall time (the database server's share on
    PostgreSQL is not in it; SQLite's is)."""
    best = float("inf")
    for _ in range(requests):
        start = time.process_time()
        _request(client, path, body)
        best = min(best, time.process_time() - start)
    return best * 1000


def measure(url, plan, targets, slowest, requests=30):
    """({page: SQL statements per request}, {page: processor ms per request}, the profile
    text of the slowest page).

    `plan` holds (page, path, who, body) with who "" (anonymous), "leader" or "member".
    """
    app = create_app(
        {
            "SECRET_KEY": BENCH_SECRET,
            "DEVELOPMENT": True,
            "DATABASE_URL": url,
            "WTF_CSRF_ENABLED": False,
            "TRUSTED_HOSTS": ["localhost"],  # the test client's host
        }
    )
    counts, processor, profile = {}, {}, ""
    # no app context around the requests: each request gets its own (and its own user)
    clients = _clients(app, targets)
    for name, path, who, body in plan:
        client = clients[who]
        _request(client, path, body)  # first: templates compiled
        with counted() as statements:
            response = _request(client, path, body)
        assert response.status_code == 200, (name, response.status_code)
        counts[name] = len(statements)
        processor[name] = processor_ms(client, path, body, min(requests, 20))
        if name == slowest:
            profiler = Profiler(interval=0.0005)
            with profiler:
                for _ in range(requests):
                    _request(client, path, body)
            profile = profiler.output_text(unicode=False, color=False, short_mode=True)
    return counts, processor, profile
