"""Every page a role can open, found from the app's URL map, for the browser-wide checks.

For each role the walk starts at every GET rule without arguments, follows the links on the
pages it opens (so ids are ones the role may see), and fills the arguments of the rules it
did not reach from the demo data. One page per rule and role; a rule that answers 403, 404
or a redirect is skipped for that role. Rules behind a token are skipped, except the
referee page, which the referee reaches through the link in their e-mail.
"""

from collections import deque
from html.parser import HTMLParser
from itertools import islice, product
from urllib.parse import urljoin, urlsplit

from peewee import fn
from werkzeug.exceptions import HTTPException
from werkzeug.routing import RequestRedirect

from intranet.demo.core import PROJECTGROEP, PROJECTLEIDER, REGIEGROEP, contact_email

TRIES_PER_RULE = 4  # candidate URLs tried per rule before the walk gives up on it

# role: the demo account it logs in with (None: not logged in)
ROLES = {
    "anoniem": None,
    "aanvrager": "aanvrager.kunstlaboegstgeest@example.org",  # a draft, not yet submitted
    "aanvrager-referenties": "aanvrager.stichtingdenkwerk@example.org",  # awaits a reference
    "referent": None,
    "contactpersoon": contact_email("Naturalis Biodiversity Center"),
    "projectgroep": PROJECTGROEP[0][1],
    "voorzitter": REGIEGROEP[0][1],
    "projectleider": PROJECTLEIDER[1],
}
REFEREE = "referent2.stichtingdenkwerk@example.org"  # has not answered yet in the demo


class _Links(HTMLParser):
    """The href of every <a> on a page."""

    def __init__(self):
        super().__init__()
        self.hrefs = []

    def handle_starttag(self, tag, attrs):
        """Collect a link."""
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.hrefs.append(href)


def links(html, base):
    """The same-site paths a page links to."""
    parser = _Links()
    parser.feed(html)
    paths = []
    for href in parser.hrefs:
        url = urlsplit(urljoin(base, href))
        if url.netloc == urlsplit(base).netloc:
            paths.append(url.path + (f"?{url.query}" if url.query else ""))
    return paths


def page_rules(app):
    """The GET rules that may answer with a page (static files left out)."""
    return {
        rule.endpoint: rule
        for rule in app.url_map.iter_rules()
        if "GET" in rule.methods and rule.endpoint != "static"
    }


def checked_rules(app):
    """The rules every walk together must reach: all but those behind a token (the referee's
    page is reached through its e-mail)."""
    rules = page_rules(app)
    return {e for e, rule in rules.items() if "token" not in rule.arguments} | {"referee.answer"}


def route(app, path):
    """(endpoint, arguments) a path routes to for a GET, or (None, {})."""
    adapter = app.url_map.bind("localhost")
    try:
        return adapter.match(urlsplit(path).path, method="GET")
    except (HTTPException, RequestRedirect):
        return None, {}


def demo_values(app):
    """Values from the demo data for each argument name a page rule may have."""
    from intranet.activities.models import Activity
    from intranet.admission.apply.steps import STEPS
    from intranet.fees.invoices import Invoice
    from intranet.models import Organisation, User
    from intranet.models.records import OutboxMessage
    from intranet.network.models import Invitation, Meeting, Network
    from intranet.news.models import NewsItem
    from intranet.newsletters.models import Newsletter
    from intranet.rounds.models import Round
    from intranet.schooljaar import schooljaar_of
    from intranet.workflow_registry import BY_NAME as REGISTRY

    with app.app_context():
        case_ids = []
        for workflow in REGISTRY.values():
            model = workflow.model
            first_per_state = model.select(model.state, fn.MIN(model.id).alias("first"))
            case_ids += [row.first for row in first_per_state.group_by(model.state)]
        organisations = Organisation.select(Organisation.status, fn.MIN(Organisation.id).alias("f"))
        return {
            "case_id": case_ids,
            "organisation_id": [row.f for row in organisations.group_by(Organisation.status)],
            "round_id": [row.id for row in Round.select(Round.id)],
            "message_id": [row.id for row in OutboxMessage.newest(limit=1)],
            "year": [schooljaar_of(), schooljaar_of() - 1],
            "workflow_name": sorted(REGISTRY),
            "step": list(STEPS),
            # the LEFtival (asks for contributions) first, then the others, newest first
            "meeting_id": [
                row.id
                for row in Meeting.select().order_by(
                    Meeting.asks_contributions.desc(), Meeting.starts_at.desc()
                )
            ][:TRIES_PER_RULE],
            "network_id": [row.id for row in Network.select().order_by(Network.id).limit(2)],
            "invitation_id": [row.id for row in Invitation.select().limit(1)],
            "user_id": [row.id for row in User.select(User.id).order_by(User.id).limit(2)],
            "invoice_id": [row.id for row in Invoice.select(Invoice.id).limit(2)],
            "item_id": [row.id for row in NewsItem.select(NewsItem.id).limit(2)],
            "name": [row.image for row in NewsItem.select().where(NewsItem.image != "").limit(1)]
            or ["geen-afbeelding.png"],
            "newsletter_id": [row.id for row in Newsletter.select(Newsletter.id).limit(2)],
            "activity_id": [row.id for row in Activity.select(Activity.id).order_by(Activity.id)],
        }


class Walk:
    """One role's walk over the pages (see the module's docstring)."""

    def __init__(self, app, request, base):
        self.app, self.request, self.base = app, request, base
        self.rules = page_rules(app)
        self.pages, self.other, self.tries = {}, {}, {}
        self.seen_values = {}  # argument name: values in the links this role was shown

    def run(self, start=(), crawl=True):
        """Walk from the start paths (and, crawling, every rule without arguments)."""
        queue = deque(start)
        if crawl:
            queue.extend(rule.rule for rule in self.rules.values() if not rule.arguments)
        seen = set()
        while queue:
            path = queue.popleft()
            if path not in seen:
                seen.add(path)
                html = self.visit(path)
                if html is not None and crawl:
                    queue.extend(self.links(html, path))
        if crawl:
            self.fill()
        return self

    def links(self, html, path):
        """The page's links, noting the argument values they carry."""
        found = links(html, self.base + path)
        for link in found:
            for name, value in route(self.app, link)[1].items():
                self.seen_values.setdefault(name, {})[value] = None
        return found

    def visit(self, path):
        """Open a path for a rule not yet covered; its HTML if it is a page for this role."""
        endpoint, _ = route(self.app, path)
        if endpoint not in self.rules or endpoint in self.pages or endpoint in self.other:
            return None
        if self.tries.get(endpoint, 0) >= TRIES_PER_RULE:
            return None
        self.tries[endpoint] = self.tries.get(endpoint, 0) + 1
        response = self.request.get(self.base + path, max_redirects=0)
        location = response.headers.get("location", "")
        if "/inloggen" in location:
            self.tries[endpoint] = TRIES_PER_RULE  # not logged in: no other id will help
        elif response.status in (301, 302, 303):
            self.other[endpoint] = path  # this role is sent on elsewhere: no page of its own
        if response.status != 200:
            return None
        if not response.headers.get("content-type", "").startswith("text/html"):
            self.other[endpoint] = path
            return None
        self.pages[endpoint] = path
        return response.text()

    def fill(self):
        """Try the rules not reached with values from the links seen, then from the demo."""
        demo = demo_values(self.app)
        adapter = self.app.url_map.bind("localhost")
        for endpoint, rule in self.rules.items():
            if endpoint in self.pages or endpoint in self.other or not rule.arguments:
                continue
            if "token" in rule.arguments:
                continue
            names = sorted(rule.arguments)
            missing = [name for name in names if name not in demo]
            if missing:
                raise LookupError(
                    f"{rule.rule}: no demo values for {missing} (tests/support/pages.py)"
                )
            values = [dict.fromkeys([*self.seen_values.get(n, ()), *demo[n]]) for n in names]
            for combo in islice(product(*values), TRIES_PER_RULE):
                arguments = dict(zip(names, combo, strict=True))
                self.visit(adapter.build(endpoint, arguments, method="GET"))


def walk(app, request, base, start=(), crawl=True):
    """({endpoint: path} of the pages, {endpoint: path} of other answers) for one role.

    `request` is the role's Playwright APIRequestContext (it carries the login cookie).
    Other answers are those that are not HTML (CSV, SVG) or send the role on elsewhere.
    """
    done = Walk(app, request, base).run(start, crawl)
    return done.pages, done.other
