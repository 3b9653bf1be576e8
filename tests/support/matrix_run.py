"""Run every route as every role, and keep the answers (the `matrix` fixture of
tests/conftest.py does it once per test session).

The run builds its own database (the template's copy on SQLite, the truncated test database
on PostgreSQL), so the matrix and the header/page scans share one pass of ~600 requests:
every method as every role, GETs also as htmx requests.
"""

import shutil
from dataclasses import dataclass

from werkzeug.exceptions import MethodNotAllowed

from intranet.app import create_app
from intranet.db import db
from tests import conftest
from tests.support.decide import HTMX
from tests.support.visitors import Visitors, methods, rules
from tests.support.world import ROLES, build_world, path_for


@dataclass
class Answer:
    """What one role got from one route and method."""

    endpoint: str
    rule: str
    method: str
    role: str
    htmx: bool  # sent as htmx (HX-Request: true): a fragment, or HX-Redirect to log in
    path: str
    status: int
    location: str
    headers: dict
    mimetype: str
    body: str

    def where(self):
        """The request in words, for failure messages."""
        kind = " (htmx)" if self.htmx else ""
        return f"{self.endpoint} {self.method}{kind} {self.path} as {self.role}"


@dataclass
class Run:
    """The answers, the routes that could not be built, and what the app registers."""

    answers: list
    unbuildable: list
    declared_routes: set  # every (endpoint, method) the app has
    unaccepted: list  # (endpoint, method, path, status) for methods a path does not take


def _database_url(database_template, tmp_path_factory):
    """A fresh copy of the template (SQLite), or the test database (PostgreSQL)."""
    if conftest.PG_URL:
        return conftest.PG_URL
    path = tmp_path_factory.mktemp("matrix") / "intranet.sqlite3"
    shutil.copy(database_template, path)
    return f"sqlite:///{path}"


def matrix_run(database_template, tmp_path_factory):
    """Build the world on its own database and ask every route as every role."""
    url = _database_url(database_template, tmp_path_factory)
    app = create_app({**conftest.TEST_CONFIG, "DATABASE_URL": url})
    app.instance_path = str(tmp_path_factory.mktemp("matrix-instance"))  # tick never ran here
    app.test_client_class = conftest.FreshContextClient
    try:
        with app.app_context():
            if conftest.PG_URL:
                conftest._truncate_all()
            world = build_world()
            return _ask_everything(app, world)
    finally:
        db.close_all()


def _ask_everything(app, world):
    """Every rule, method and role (GETs also as htmx); methods a path refuses."""
    visitors = Visitors(app, world)
    run = Run([], [], set(), [])
    for rule in rules(app):
        for method in methods(rule):
            run.declared_routes.add((rule.endpoint, method))
        try:
            path = path_for(rule, world)
        except KeyError as error:
            run.unbuildable.append(str(error.args[0]))
            continue
        for method in methods(rule):
            for role in ROLES:
                for htmx in (False, True) if method == "GET" else (False,):
                    headers = HTMX if htmx else {}
                    response = visitors.request(role, method, path, headers=headers)
                    run.answers.append(_answer(rule, method, role, path, response, htmx))
        for method in sorted({"GET", "POST"} - rule.methods):
            if not _served_elsewhere(app, path, method):
                status = visitors.request("anonymous", method, path).status_code
                run.unaccepted.append((rule.endpoint, method, path, status))
    return run


def _served_elsewhere(app, path, method):
    """True if another rule takes this path with this method."""
    try:
        app.url_map.bind("localhost").match(path, method)
    except MethodNotAllowed:
        return False
    return True


def _answer(rule, method, role, path, response, htmx):
    """Keep what the tests look at of a response."""
    body = response.get_data(as_text=True) if response.mimetype.startswith("text/") else ""
    return Answer(
        endpoint=rule.endpoint,
        rule=rule.rule,
        method=method,
        role=role,
        htmx=htmx,
        path=path,
        status=response.status_code,
        location=response.headers.get("Location", ""),
        headers=dict(response.headers),
        mimetype=response.mimetype,
        body=body,
    )


def report(problems):
    """An assertion message that counts and lists the problems found in the run."""
    return f"{len(problems)} problem(s):\n  " + "\n  ".join(problems)
