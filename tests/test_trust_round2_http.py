"""End to end, over HTTP against gunicorn with three workers (CSRF on), on the suite's
database (SQLite, and PostgreSQL in the suite's PostgreSQL part): the attacks of issue 24,
one per class, are refused, and their victims go on working normally.

Each attacker is a plain HTTP client (tests/support/http_client.py's Client: its own
cookies, its own source address on the loopback network). The tests seed the database the
server reads, and read the outbox from it.
"""

import http.client
import io
import json
import subprocess
import sys
import textwrap
import threading
import time
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from intranet.clock import today
from intranet.fees.invoices import Invoice, InvoiceCounter, invoice_number
from intranet.models import OutboxMessage, User
from intranet.schooljaar import schooljaar_of
from tests import conftest
from tests.conftest import PASSWORD
from tests.support import factories
from tests.support.decide import csrf_token
from tests.support.http_client import Client, apply_over_http
from tests.support.mails import link_paths
from tests.support.smtp_server import free_port
from tests.support.workbooks import MALFORMED, workbook

ROOT = Path(__file__).parent.parent
NEW = "een heel nieuw wachtwoord"
WORKERS = 3
WSGI = """
from intranet.app import create_app

app = create_app({config!r})
"""


class Visitor(Client):
    """A Client that can also send a body of its own (a multipart upload)."""

    def raw(self, method, path, body, content_type):
        """One request with this body; returns (status, headers, text)."""
        connection = http.client.HTTPConnection(
            self.host, self.port, timeout=60, source_address=(self.address, 0)
        )
        cookies = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        connection.request(method, path, body, {"Cookie": cookies, "Content-Type": content_type})
        response = connection.getresponse()
        text = response.read().decode("utf-8", "replace")
        connection.close()
        return response.status, dict(response.getheaders()), text


class Server:
    """gunicorn on a free port: its URL, and `url` for Client."""

    def __init__(self, url):
        self.url = url


@pytest.fixture(scope="module")
def server(database_template, tmp_path_factory):
    """gunicorn (WORKERS sync workers, CSRF on) on the worker's test database."""
    database = conftest.worker_database(database_template, tmp_path_factory)
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    folder = tmp_path_factory.mktemp("gunicorn")
    config = {
        **conftest.TEST_CONFIG,
        "TESTING": False,
        "SECRET_KEY": "7a" * 32,
        "WTF_CSRF_ENABLED": True,
        "DATABASE_URL": database,
        "BASE_URL": url,
        "TRUSTED_HOSTS": ["127.0.0.1"],
    }
    (folder / "trust_wsgi.py").write_text(textwrap.dedent(WSGI.format(config=config)))
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--workers", str(WORKERS), "--bind",
         f"127.0.0.1:{port}", "--chdir", str(folder), "--pythonpath", str(ROOT),
         "--timeout", "60", "--no-control-socket", "trust_wsgi:app"],
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", "INTRANET_INSTANCE": str(folder / "instance")},
        stdout=open(folder / "gunicorn.out", "w"),  # noqa: SIM115 (closed with the process)
        stderr=subprocess.STDOUT,
    )  # fmt: skip
    deadline, status = time.monotonic() + 120, None
    while True:
        try:
            status = Client(Server(url)).get("/inloggen")[0]
            if status == 200:
                break
        except OSError as error:
            status = repr(error)
        if time.monotonic() > deadline or process.poll() is not None:
            process.kill()
            log = (folder / "gunicorn.out").read_text()[-3000:]
            raise AssertionError(f"gunicorn at {url} answered {status}:\n{log}")
        time.sleep(0.2)
    yield Server(url)
    process.terminate()
    process.wait(30)
    log = (folder / "gunicorn.out").read_text()
    assert "Traceback" not in log, log[-5000:]


def _choose(client, path, password=NEW):
    """Choose a password through a link (the CSRF token from a page with a form: a dead
    link's page has none)."""
    fields = {"password": password, "confirm": password}
    return client.post_form(path, fields, page_path="/wachtwoord-vergeten")[0]


def _leader(server, make_user, address="127.0.3.1"):
    leader = Client(server, address)
    assert leader.log_in(make_user("projectleider").email, PASSWORD) == 302
    return leader


def _account_form(leader, user_id, action, fields=None):
    return leader.post_form(
        f"/leden/accounts/{user_id}/{action}", fields or {}, page_path=f"/leden/accounts/{user_id}"
    )[0]


# Links are bound to the account's address as well as its password


def test_the_mistyped_invitation_and_old_reset_links_die_with_the_address(server, app, make_user):
    leader = _leader(server, make_user)
    status, _, _ = leader.post_form(
        "/leden/accounts", {"name": "Jan Jansen", "email": "jan.jansne@example.org"}
    )
    assert status == 303
    jan = User.by_email("jan.jansne@example.org")
    (mistyped,) = link_paths("jan.jansne@example.org", "/leden/uitnodiging/")
    assert _account_form(leader, jan.id, "adres", {"email": "jan.jansen@example.org"}) == 303
    (confirm,) = link_paths("jan.jansen@example.org", "/leden/adres/")
    right = Client(server, "127.0.3.2")
    assert right.post_form(confirm, {})[0] == 302
    (invitation,) = link_paths("jan.jansen@example.org", "/leden/uitnodiging/")
    assert _choose(right, invitation) == 303
    # whoever holds the mistyped mailbox: the page says the link is dead, nothing changes
    squatter = Client(server, "127.0.3.3")
    status, _, page = squatter.get(mistyped)
    assert status == 400 and "werkt niet meer" in page
    assert squatter.request("POST", mistyped, {"password": "x" * 12, "confirm": "x" * 12})[0] == 400
    assert Client(server, "127.0.3.4").log_in("jan.jansen@example.org", NEW) == 302


def test_old_reset_links_and_sessions_end_with_an_address_change_or_a_deactivation(
    server, app, make_user
):
    person = make_user("projectgroep")
    owner = Client(server, "127.0.3.10")
    assert owner.log_in(person.email, PASSWORD) == 302
    Client(server, "127.0.3.11").post_form("/wachtwoord-vergeten", {"email": person.email})
    (old_reset,) = link_paths(person.email, "/wachtwoord-herstellen/")
    leader = _leader(server, make_user, "127.0.3.12")
    assert _account_form(leader, person.id, "deactiveren") == 303
    assert owner.get("/account/wachtwoord")[0] == 302  # the session ended
    assert _account_form(leader, person.id, "activeren") == 303
    assert _choose(Client(server, "127.0.3.13"), old_reset) == 400  # not alive again
    Client(server, "127.0.3.11").post_form("/wachtwoord-vergeten", {"email": person.email})
    (_, before_change) = link_paths(person.email, "/wachtwoord-herstellen/")
    assert owner.log_in(person.email, PASSWORD) == 302
    assert _account_form(leader, person.id, "adres", {"email": "nieuw@example.org"}) == 303
    (confirm,) = link_paths("nieuw@example.org", "/leden/adres/")
    assert Client(server, "127.0.3.14").post_form(confirm, {})[0] == 302
    assert owner.get("/account/wachtwoord")[0] == 302  # the address change ended it
    assert _choose(Client(server, "127.0.3.15"), before_change) == 400
    assert Client(server, "127.0.3.16").log_in("nieuw@example.org", PASSWORD) == 302


# Nobody can pre-make someone else's account


def test_an_account_made_for_someone_elses_address_goes_to_the_address_owner(
    server, app, make_user
):
    victim = "echte.persoon@example.org"
    attacker = Client(server, "127.0.4.1")
    status, _ = apply_over_http(
        attacker, "Stichting Voorgewend", victim, "wachtwoord van de aanvaller"
    )
    assert status == 303
    assert attacker.get("/mijn-aanmelding")[0] == 200  # logged in on the victim's address
    (mail,) = OutboxMessage.select().where(
        OutboxMessage.to == victim, OutboxMessage.kind == "confirm_email"
    )
    assert "niet zelf aangemaakt" in mail.body  # what to do if it was not you
    (confirm,) = link_paths(victim, "/bevestigen/")
    owner = Client(server, "127.0.4.2")
    assert owner.post_form(confirm, {})[0] == 422  # the button alone is not enough
    assert _choose(owner, confirm) == 302
    assert attacker.get("/mijn-aanmelding")[0] == 302  # the attacker's session has ended
    assert Client(server, "127.0.4.3").log_in(victim, "wachtwoord van de aanvaller") == 200
    # a contactpersoon of Naturalis adds the (now confirmed) owner: only the owner gets in
    naturalis = factories.organisation(name="Naturalis Biodiversity Center", status="partner")
    partner = Client(server, "127.0.4.4")
    assert partner.log_in(make_user(organisation=naturalis).email, PASSWORD) == 302
    status, _, _ = partner.post_form(
        f"/partners/{naturalis.id}/contactpersonen",
        {"name": "Echte Persoon", "email": victim, "kind": "primary"},
        page_path=f"/partners/{naturalis.id}",
    )
    assert status in (200, 303)
    assert attacker.get(f"/partners/{naturalis.id}/profiel")[0] == 302
    assert owner.get(f"/partners/{naturalis.id}/profiel")[0] == 200


def test_a_leden_invitation_takes_a_pre_made_account_back(server, app, make_user):
    victim = "nog.een.persoon@example.org"
    attacker = Client(server, "127.0.4.10")
    assert (
        apply_over_http(attacker, "Stichting Vooraf", victim, "wachtwoord van de aanvaller")[0]
        == 303
    )
    leader = _leader(server, make_user, "127.0.4.11")
    status, _, _ = leader.post_form("/leden/accounts", {"name": "Echte Naam", "email": victim})
    assert status == 303  # not "al in gebruik"
    assert attacker.get("/mijn-aanmelding")[0] == 302
    (invitation,) = link_paths(victim, "/leden/uitnodiging/")
    owner = Client(server, "127.0.4.12")
    assert _choose(owner, invitation) == 303
    assert Client(server, "127.0.4.13").log_in(victim, "wachtwoord van de aanvaller") == 200


# Nobody can lock the owner out


def test_a_parallel_guessing_burst_never_refuses_the_owner_the_right_password(
    server, app, make_user
):
    owner = make_user()
    statuses = []

    def guess(number):
        client = Client(server, f"127.0.5.{number + 1}")
        statuses.append(client.log_in(owner.email, f"geraden {number}"))

    threads = [threading.Thread(target=guess, args=(n,)) for n in range(30)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert len(statuses) == 30 and set(statuses) <= {200, 429}
    phone = Client(server, "127.0.6.1")  # a new device on a new network
    status, _, page = phone.post_form("/inloggen", {"email": owner.email, "password": PASSWORD})
    assert status == 200 and "link om in te loggen" in page  # never a 429
    assert phone.get("/account/wachtwoord")[0] == 302  # the password alone gave no session
    (link,) = link_paths(owner.email, "/inloggen/link/")
    assert phone.post_form(link, {})[0] == 302
    assert phone.get("/account/wachtwoord")[0] == 200
    # the guessers got the same answer for every password, and no link
    wrong = Client(server, "127.0.6.2")
    status, _, page = wrong.post_form("/inloggen", {"email": owner.email, "password": "nee"})
    assert status == 200 and "link om in te loggen" in page
    assert len(link_paths(owner.email, "/inloggen/link/")) == 1


# Files and the import


def test_hostile_workbooks_are_answered_in_dutch_and_the_workers_live_on(server, app, make_user):
    leader = Visitor(server, "127.0.7.1")
    assert leader.log_in(make_user("projectleider").email, PASSWORD) == 302
    for kind, make in MALFORMED.items():
        status, _, page = _upload(leader, make(workbook()))
        assert status == 422 and "kan niet worden gelezen" in page, kind
    rows = "\r\n".join(["naam;sector;gemeente"] + [f"S {n};PO;Leiden" for n in range(150_000)])
    started = time.monotonic()
    status, _, page = _upload(leader, rows.encode(), "groot.csv")
    assert status in (413, 422) and time.monotonic() - started < 10
    assert Client(server, "127.0.7.2").get("/inloggen")[0] == 200


def _upload(client, data, filename="partners.xlsx"):
    """Post a file to the import's preview, as the page's form does (multipart)."""
    _, _, page = client.get("/partners/import")
    token = csrf_token(page)
    boundary = "----trust-boundary"
    body = io.BytesIO()
    for name, value in (("csrf_token", token),):
        body.write(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode()
        )
        body.write(f"{value}\r\n".encode())
    body.write(
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{filename}"\r\n'
        "Content-Type: application/octet-stream\r\n\r\n".encode()
    )
    body.write(data + f"\r\n--{boundary}--\r\n".encode())
    return client.raw(
        "POST", "/partners/import", body.getvalue(), f"multipart/form-data; boundary={boundary}"
    )


# Errors and privacy


def test_invoice_steps_and_timeline_answer_without_a_500(server, app, make_user):
    organisation = factories.organisation(status="partner")
    year = schooljaar_of()
    invoice = Invoice.create(
        schooljaar=year, sequence=1, number=invoice_number(year, 1), organisation=organisation,
        kind="uitgebreid", description="Vast bedrag", amount=Decimal("500.00"),
        billing_name=organisation.name, issued_on=today(), due_on=today() + timedelta(days=30),
    )  # fmt: skip
    InvoiceCounter.insert(schooljaar=year, last=1).on_conflict_ignore().execute()  # numbered
    leader = _leader(server, make_user, "127.0.8.1")
    page_path = f"/bijdragen/facturen/{invoice.id}"
    assert leader.get(page_path)[0] == 200
    form_page = "/wachtwoord-vergeten"  # the session's CSRF token, from any form
    assert leader.get(f"/zaak/factuur/{invoice.id}/tijdlijn")[0] == 200
    status, headers, _ = leader.post_form(
        f"/zaak/factuur/{invoice.id}/stap/crediteren",
        {"comment": "Dubbel verstuurd.", "bevestigd": "ja"},
        page_path=form_page,
    )
    assert status == 303 and headers["Location"].endswith(page_path)
    assert Invoice.get_by_id(invoice.id).state == "gecrediteerd"
    status, _, _ = leader.post_form(
        f"/zaak/factuur/{invoice.id}/stap/betalen", {"bevestigd": "ja"}, page_path=form_page
    )
    assert status < 500


def test_the_privacy_export_hands_over_no_live_link(server, app, make_user):
    voorzitter = make_user("regiegroep", voorzitter=True)
    Client(server, "127.0.9.1").post_form("/wachtwoord-vergeten", {"email": voorzitter.email})
    OutboxMessage.update(status="queued").execute()  # as if not yet delivered
    leader = _leader(server, make_user, "127.0.9.2")
    status, _, export = leader.post_form(
        f"/beheer/personen/{voorzitter.id}/export", {}, page_path="/wachtwoord-vergeten"
    )
    assert status == 200 and "/wachtwoord-herstellen/" not in export
    bodies = [m["body"] for m in json.loads(export)["records"]["outbox_message"]]
    assert bodies and all("persoonlijke link, alleen verstuurd aan" in b for b in bodies)
