"""Browser-test fixtures: the demo served by a real threaded server, and one headless Chromium.

`live_server` (one per test module) serves the app on 127.0.0.1 with CSRF protection on, on
its own SQLite copy of a demo database seeded once per session; `browser` is one Chromium for
the whole session. Both skip the test when Chromium or Playwright is missing.
"""

import functools
import re
import shutil
import threading
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import pytest

try:
    from playwright import sync_api
except ImportError:  # the suite imports without Playwright; a browser test then fails below
    sync_api = None
from werkzeug.serving import WSGIRequestHandler, make_server

from intranet.app import create_app
from intranet.db import db, upgrade
from intranet.demo import DEMO_PASSWORD
from tests.conftest import TEST_CONFIG

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE = Path(__file__).parent.parent / "vendor" / "axe" / "axe.min.js"
LINK = re.compile(r"https?://\S+")


def demo_app(path, **config):
    """An app on the SQLite file at path (the global database proxy now points there), with
    its instance folder beside it, as in production (where tick notes its last run)."""
    app = create_app({**TEST_CONFIG, "DATABASE_URL": f"sqlite:///{path}", **config})
    app.instance_path = str(Path(path).parent / "instance")
    return app


def seed_demo_database(path):
    """Migrate and seed the demo into a new SQLite file, as `make run` does."""
    from intranet.workflows.timers import tick

    app = demo_app(path)
    with app.app_context():
        upgrade()
        assert app.test_cli_runner().invoke(args=["seed-demo"]).exit_code == 0
        tick()  # as `make run` does, so no page warns that tick never ran
        db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close_all()
    return path


class QuietHandler(WSGIRequestHandler):
    """A request handler that does not log every request."""

    def log_request(self, *args, **kwargs):
        """Log nothing."""


class LiveServer:
    """The app served over HTTP in a thread of this process."""

    def __init__(self, app):
        self.app = app
        self.server = make_server("127.0.0.1", 0, app, threaded=True, request_handler=QuietHandler)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        app.config["BASE_URL"] = self.url  # links in mail sent by tick point here too
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.contexts = []

    def start(self):
        """Serve in the background."""
        self.thread.start()
        return self

    def stop(self):
        """Stop serving and close every pooled connection."""
        for context in self.contexts:
            context.close()
        self.server.shutdown()
        self.thread.join()
        db.close_all()

    @contextmanager
    def context(self):
        """An app context for the test's own queries against the served database."""
        with self.app.app_context():
            yield

    def login(self, browser, email, password=DEMO_PASSWORD, **context_options):
        """A new browser page, in its own context, logged in through the login form."""
        page = self.new_page(browser, **context_options)
        page.goto("/inloggen")
        page.fill("#email", email)
        page.fill("#password", password)
        page.click("main form button[type=submit]")
        page.wait_for_url(lambda url: "/inloggen" not in url)
        return page

    def new_page(self, browser, **context_options):
        """A new page in its own (anonymous) browser context."""
        context = browser.new_context(base_url=self.url, **context_options)
        self.contexts.append(context)
        return context.new_page()

    def mail_links(self, to, subject_contains=""):
        """The paths of the links in the e-mails to an address, newest first (from the outbox).

        Paths, not whole URLs: mail queued while seeding carries the seeder's BASE_URL.
        """
        from intranet.models.records import OutboxMessage

        with self.context():
            messages = OutboxMessage.select().where(OutboxMessage.to == to)
            messages = messages.order_by(OutboxMessage.id.desc())
            return [
                urlsplit(link)._replace(scheme="", netloc="").geturl()
                for message in messages
                if subject_contains in message.subject
                for link in LINK.findall(message.body)
            ]


@pytest.fixture(scope="session")
def demo_database(tmp_path_factory):
    """A migrated SQLite file with the demo data, built once per session."""
    return seed_demo_database(tmp_path_factory.mktemp("demo") / "demo.sqlite3")


@pytest.fixture(scope="module")
def live_server(demo_database, tmp_path_factory):
    """The demo served on a free local port, CSRF on, on this module's own copy of it."""
    path = tmp_path_factory.mktemp("live") / "intranet.sqlite3"
    shutil.copy(demo_database, path)
    shutil.copytree(demo_database.parent / "instance", path.parent / "instance")  # the tick
    app = demo_app(path, WTF_CSRF_ENABLED=True)
    server = LiveServer(app).start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the session."""
    if not CHROMIUM:  # never a skip: the browser tests are part of the suite
        pytest.fail("chromium is not installed: run `make browser-deps` (make test does)")
    if sync_api is None:
        pytest.fail("Playwright is not installed: run `make test` (it installs the dev deps)")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield chromium
        chromium.close()


def watch_for_errors(page):
    """Collect script errors and CSP violations of a page into a list the test can check."""
    problems = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on(
        "console",
        lambda message: problems.append(message.text) if "Content Security" in message.text else 0,
    )
    return problems


WCAG21_AA = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")
# The rules whose outcome depends on the colour scheme or the width of the screen.
SCHEME_AND_WIDTH_RULES = ("color-contrast", "link-in-text-block", "scrollable-region-focusable")


@functools.cache
def _axe_source():
    return AXE.read_text()


def run_axe(page, rules=None):
    """Run axe-core's WCAG 2.1 A and AA rules (or only the rules named) in the page;
    returns the serious and critical violations."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(_axe_source())  # evaluated by the DevTools protocol: the CSP allows it
    only = (
        {"type": "rule", "values": list(rules)} if rules else {"type": "tag", "values": WCAG21_AA}
    )
    options = {"runOnly": only, "resultTypes": ["violations"]}
    result = page.evaluate("options => axe.run(document, options)", options)
    return [
        violation
        for violation in result["violations"]
        if violation["impact"] in ("serious", "critical")
    ]


def describe(violations):
    """Axe violations in a few readable lines per rule."""
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:5]:
            lines.append(f"    {' '.join(node['target'])}: {node['failureSummary'][:300]}")
    return "\n".join(lines)


UNLABELLED = """() => {
  const shown = el => {
    const box = el.getBoundingClientRect();
    return box.width > 1 && box.height > 1;
  };
  const inHeadedColumn = el => { const table = el.closest('td') && el.closest('table');
    return Boolean(table && table.querySelector('thead th')); };
  return Array.from(document.querySelectorAll('input, select, textarea'))
    .filter(el => !['hidden', 'submit', 'button'].includes(el.type) && shown(el))
    .filter(el => !Array.from(el.labels || []).some(shown) && !inHeadedColumn(el))
    .map(el => el.outerHTML.slice(0, 120));
}"""


def unlabelled_fields(page):
    """The form fields on the page without a label one can see (a table's column header
    counts as the label of the fields in its cells)."""
    return page.evaluate(UNLABELLED)


def open_all_details(page):
    """Open every <details>, so what it hides is checked too."""
    page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
