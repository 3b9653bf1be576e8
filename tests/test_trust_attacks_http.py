"""End to end, over HTTP against the running app (the demo, CSRF on): the attacks of issue 11
are refused and their victims go on working normally.

Each attacker is a plain HTTP client (http.client, its own cookies, its own source address
on the loopback network, so the app sees different client addresses).
"""

import re
from urllib.parse import urlsplit

import pytest

from intranet.demo.core import PROJECTLEIDER, REGIEGROEP, contact_email
from intranet.models import Contact, Organisation, OutboxMessage, User
from tests.support.decide import csrf_token
from tests.support.http_client import Client, apply_over_http

pytestmark = pytest.mark.once  # the live server serves the SQLite demo
NEW_PASSWORD = "een heel nieuw wachtwoord"


def _messages(server, to):
    with server.context():
        query = OutboxMessage.select().where(OutboxMessage.to == to)
        return list(query.order_by(OutboxMessage.id))


def test_a_forged_host_gets_400_and_mail_links_point_at_base_url(live_server):
    victim = REGIEGROEP[0][1]
    before = len(_messages(live_server, victim))
    attacker = Client(live_server, "127.0.0.2")
    _, _, page = attacker.get("/wachtwoord-vergeten")
    token = csrf_token(page)
    status, _, _ = attacker.request(
        "POST",
        "/wachtwoord-vergeten",
        {"csrf_token": token, "email": victim},
        headers={"Host": "evil.example"},
    )
    assert status == 400 and len(_messages(live_server, victim)) == before
    forwarded = {"X-Forwarded-Host": "evil.example"}
    attacker.post_form("/wachtwoord-vergeten", {"email": victim}, headers=forwarded)
    (mail,) = _messages(live_server, victim)[before:]
    assert f"{live_server.url}/wachtwoord-herstellen/" in mail.body
    assert "evil.example" not in mail.body


def test_the_projectleider_cannot_take_over_the_voorzitter_through_the_outbox(live_server):
    voorzitter = REGIEGROEP[0][1]
    Client(live_server, "127.0.0.3").post_form("/wachtwoord-vergeten", {"email": voorzitter})
    leader = Client(live_server, "127.0.0.4")
    assert leader.log_in(PROJECTLEIDER[1]) == 302
    _, _, outbox = leader.get("/beheer/outbox")
    for message in _messages(live_server, voorzitter):
        status, headers, page = leader.get(f"/beheer/outbox/{message.id}")
        assert status == 200 and headers["Cache-Control"] == "no-store"
        assert "/wachtwoord-herstellen/" not in page
        if message.subject == "Nieuw wachtwoord instellen":
            assert f"persoonlijke link, alleen verstuurd aan {voorzitter}" in page
    assert "/wachtwoord-herstellen/" not in outbox
    # the voorzitter, with the link from their own mailbox, goes on as normal
    link = re.search(
        r"http://\S+/wachtwoord-herstellen/\S+", _messages(live_server, voorzitter)[-1].body
    )
    path = urlsplit(link.group()).path
    owner = Client(live_server, "127.0.0.5")
    status, _, _ = owner.post_form(path, {"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert status == 302 and owner.log_in(voorzitter, NEW_PASSWORD) == 302


def test_a_stranger_cannot_claim_an_organisation_by_its_name(live_server):
    with live_server.context():
        museum = Organisation.create(
            name="Oud Museum Leiden",
            sector="cultuur",
            municipality="Leiden",
            status="oud_partner",
            website="https://oudmuseum.example.org",
        )
        old = User.create(email="oud.contact@example.org", name="Oude Contact")
        Contact.create(organisation=museum, user=old)
    stranger = Client(live_server, "127.0.0.6")
    status, _ = apply_over_http(stranger, "  oud MUSEUM leiden ", "vreemde@evil.example")
    assert status == 303
    with live_server.context():
        museum = Organisation.get_by_id(museum.id)
        assert (museum.name, museum.website, museum.status) == (
            "Oud Museum Leiden",
            "https://oudmuseum.example.org",
            "oud_partner",
        )
        contacts = [c.user.email for c in Contact.select().where(Contact.organisation == museum)]
        assert contacts == ["oud.contact@example.org"]
    assert stranger.get(f"/partners/{museum.id}")[0] in (302, 403)


def test_a_pre_registered_colleague_address_is_taken_back_on_invitation(live_server):
    colleague = "nieuwe.collega@example.org"
    squatter = Client(live_server, "127.0.0.7")
    squatted = "wachtwoord van de kraker"
    status, _ = apply_over_http(squatter, "Eigen Stichting Voorgewend", colleague, squatted)
    assert status == 303
    assert squatter.get("/mijn-aanmelding")[0] == 200  # logged in on the squatted address
    partner = Client(live_server, "127.0.0.8")
    assert partner.log_in(contact_email("Museum Boerhaave")) == 302
    with live_server.context():
        museum = Organisation.get(Organisation.name == "Museum Boerhaave")
    status, _, _ = partner.post_form(
        f"/partners/{museum.id}/contactpersonen",
        {"name": "Nieuwe Collega", "email": colleague, "kind": "primary"},
        page_path=f"/partners/{museum.id}",
    )
    assert status in (200, 303)
    assert squatter.get("/partners/mijn")[0] == 302  # the squatter's session has ended
    assert Client(live_server, "127.0.0.9").log_in(colleague, squatted) != 302
    (invitation,) = [m for m in _messages(live_server, colleague) if "/uitnodiging/" in m.body]
    path = urlsplit(re.search(r"http://\S+/uitnodiging/\S+", invitation.body).group()).path
    real = Client(live_server, "127.0.0.10")
    status, _, _ = real.post_form(path, {"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert status == 303 and real.get(f"/partners/{museum.id}/profiel")[0] == 200


def test_failures_from_other_addresses_never_lock_the_owner_out(live_server):
    owner_email = contact_email("Naturalis Biodiversity Center")
    owner = Client(live_server, "127.0.0.20")
    assert owner.log_in(owner_email) == 302
    owner.post_form("/uitloggen", {}, page_path="/account/wachtwoord")
    for number in range(30):
        attacker = Client(live_server, f"127.0.1.{number + 1}")
        assert attacker.log_in(owner_email, "geraden") in (200, 429)
    # past the account-wide limit a new client is never refused the right password: it
    # gets a login link by mail instead of a session (tests/test_trust_round2_http.py)
    assert Client(live_server, "127.0.2.1").log_in(owner_email) == 200
    assert owner.log_in(owner_email) == 302  # the owner's browser
    assert Client(live_server, "127.0.0.20").log_in(owner_email) == 302  # the owner's address


def test_a_cross_site_post_is_refused_even_with_a_valid_token(live_server):
    leader = Client(live_server, "127.0.0.21")
    assert leader.log_in(PROJECTLEIDER[1]) == 302
    status, _, _ = leader.post_form(
        "/convenant/vrienden/mailing",
        {"subject": "Uitnodiging", "body": "Tekst"},
        page_path="/convenant/vrienden",
        headers={"Origin": "https://evil.example"},
    )
    assert status == 403
