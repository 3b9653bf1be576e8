"""Nothing public leaks an e-mail address: every page of the demo an anonymous visitor can
reach (the page walk's pages, then every link on them: each partner, story, meeting and
newsletter), and the pages behind a registration's own link, show no demo person's address
and nobody else's registration."""

import re
from types import SimpleNamespace
from urllib.parse import urlsplit

from intranet.models import User
from intranet.network.models import Registration
from intranet.newsletters.models import NewsletterRecipient
from tests.support.pages import Walk, links

BASE = "http://localhost"
ADDRESS = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
EVENT_UID = re.compile(r"bijeenkomst-\d+@[\w.-]+")  # a calendar event's UID: no mailbox
MOST_PAGES = 600  # the demo has about 150 public pages; a loop in the links stops here


class AnonymousRequests:
    """A test client that answers as the page walk's request context (tests/support/pages.py)."""

    def __init__(self, client):
        self.client = client

    def get(self, url, max_redirects=0):
        """The answer to a GET, without following redirects."""
        response = self.client.get(url)
        headers = {name.lower(): value for name, value in response.headers.items()}
        body = response.get_data().decode("utf-8", "replace")  # images too
        return SimpleNamespace(status=response.status_code, headers=headers, text=lambda: body)


def _public_pages(app):
    """{path: text} of every page and document an anonymous visitor reaches in the demo."""
    requests = AnonymousRequests(app.test_client())
    walked = Walk(app, requests, BASE).run()
    queue, seen, pages = [*walked.pages.values(), *walked.other.values()], set(), {}
    while queue and len(pages) < MOST_PAGES:
        path = queue.pop(0)
        if path in seen or urlsplit(path).path.startswith("/static/"):
            continue
        seen.add(path)
        response = requests.get(BASE + path)
        if response.status != 200:
            continue
        pages[path] = response.text()
        if response.headers.get("content-type", "").startswith("text/html"):
            queue.extend(links(pages[path], BASE + path))
    return pages


def _people_addresses():
    """Every address of a demo person: accounts, registrations, newsletter recipients."""
    addresses = {email for (email,) in User.select(User.email).tuples()}
    addresses |= {email for (email,) in Registration.select(Registration.email).tuples()}
    addresses |= {e for (e,) in NewsletterRecipient.select(NewsletterRecipient.email).tuples()}
    return {address.lower() for address in addresses if address}


def test_no_public_page_of_the_demo_shows_an_e_mail_address(app, demo):
    people = _people_addresses()
    pages = _public_pages(app)
    reached = {urlsplit(path).path for path in pages}
    assert {"/partners/", "/nieuws/", "/agenda", "/nieuwsbrieven/archief"} <= reached
    assert sum(path.endswith("/over") for path in reached) > 20  # every partner's page
    found = {path: set(ADDRESS.findall(text)) for path, text in pages.items()}
    leaks = {path: sorted(shown & people) for path, shown in found.items() if shown & people}
    assert people and not leaks, f"people's addresses on public pages: {leaks}"
    others = {
        address
        for shown in found.values()
        for address in shown
        if not EVENT_UID.fullmatch(address)
        and address not in (app.config["PRIVACY_CONTACT"], app.config["PROJECTLEIDER_REPLY_TO"])
    }
    assert not others, f"other addresses on public pages: {others}"


def test_a_registration_link_shows_only_its_own_registration(app, demo):
    client = app.test_client()
    registrations = list(Registration.select().where(Registration.code != "").limit(6))
    assert registrations
    everyone = _people_addresses()
    for registration in registrations:
        others = everyone - {registration.email.lower()}
        for action in ("bevestigen", "afmelden"):
            page = client.get(f"/aanmelding/{registration.code}/{action}")
            text = page.get_data(as_text=True)
            assert page.status_code < 500
            assert not set(ADDRESS.findall(text)) & others, (registration.code, action)
            named = [
                r.name
                for r in registrations
                if r.meeting_id == registration.meeting_id and r.name != registration.name
            ]
            assert not [name for name in named if name in text], (registration.code, action)
