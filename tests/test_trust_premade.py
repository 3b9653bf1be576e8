"""Nobody can pre-make someone else's account (issue 24): an account whose address was
never confirmed by whoever chose its password is taken back by every way of vouching for
the address (confirming it, a Leden invitation, the partner import, a colleague), and its
maker's password and sessions end."""

import pytest

from intranet import security
from intranet.auth.accounts import send_confirmation
from intranet.models import Contact, Organisation, OutboxMessage, User
from intranet.partners import table
from intranet.partners.import_apply import import_rows
from tests.conftest import PASSWORD
from tests.support import factories
from tests.support.logins import log_in
from tests.support.mails import link_paths
from tests.support.rounds_support import started

VICTIM = "slachtoffer@example.org"
NEW = {"password": "van het slachtoffer zelf", "confirm": "van het slachtoffer zelf"}


@pytest.fixture
def squatter(app, make_user):
    """The attacker made an account for the victim's address, with the attacker's password,
    and is logged in on it."""
    account = make_user(email=VICTIM, confirmed=False)
    client = app.test_client()
    assert log_in(client, VICTIM).status_code == 302
    return account, client


def _taken_back(app, account, attacker):
    fresh = User.get_by_id(account.id)
    assert not security.check_password(fresh, PASSWORD)
    assert attacker.get("/account/wachtwoord").status_code == 302  # the session has ended
    assert log_in(app.test_client(), VICTIM).status_code == 200  # the password is gone


def test_confirming_the_address_makes_the_confirmer_choose_the_password(app, squatter):
    account, attacker = squatter
    send_confirmation(account)
    (mail,) = OutboxMessage.select().where(OutboxMessage.to == VICTIM)
    assert "niet zelf aangemaakt" in mail.body  # what to do if it was not you
    (link,) = link_paths(VICTIM, "/bevestigen/")
    victim = app.test_client()
    assert victim.post(link).status_code == 422  # a button alone is not enough
    assert User.get_by_id(account.id).email_confirmed_at is None
    assert victim.post(link, data=NEW).status_code == 302
    _taken_back(app, account, attacker)
    assert victim.get("/account/wachtwoord").status_code == 200
    assert log_in(app.test_client(), VICTIM, NEW["password"]).status_code == 302


def test_the_maker_confirming_in_their_own_session_keeps_their_password(app, squatter):
    """An applicant who confirms while logged in needs no new password (the link is theirs)."""
    account, own_session = squatter
    send_confirmation(account)
    (link,) = link_paths(VICTIM, "/bevestigen/")
    assert own_session.post(link).status_code == 302
    assert User.get_by_id(account.id).confirmed
    assert security.check_password(User.get_by_id(account.id), PASSWORD)


def test_a_leden_invitation_takes_the_account_back(app, make_user, squatter):
    account, attacker = squatter
    leader = app.test_client()
    assert log_in(leader, make_user("projectleider").email).status_code == 302
    answer = leader.post("/leden/accounts", data={"name": "Echte Naam", "email": VICTIM})
    assert answer.status_code == 303  # not "al in gebruik"
    _taken_back(app, account, attacker)
    (link,) = link_paths(VICTIM, "/leden/uitnodiging/")
    victim = app.test_client()
    assert victim.post(link, data=NEW).status_code == 303
    assert log_in(app.test_client(), VICTIM, NEW["password"]).status_code == 302


def test_a_confirmed_address_is_still_refused_by_the_leden_invitation(app, make_user):
    make_user(email=VICTIM)
    leader = app.test_client()
    assert log_in(leader, make_user("projectleider").email).status_code == 302
    answer = leader.post("/leden/accounts", data={"name": "Echte Naam", "email": VICTIM})
    assert answer.status_code == 422 and "al in gebruik" in answer.get_data(as_text=True)


def test_the_partner_import_takes_the_account_back(app, squatter):
    account, attacker = squatter
    started(factories.period("De Leidse Aanpak 2.0"))
    header = "naam;sector;gemeente;contactpersoon;contactpersoon e-mail"
    data = f"{header}\r\nNaturalis Biodiversity Center;cultuur;Leiden;Echte Naam;{VICTIM}"
    result = import_rows(table.read(data.encode()), None)
    assert result.applied
    _taken_back(app, account, attacker)
    (link,) = link_paths(VICTIM, "/partners/uitnodiging/")
    assert app.test_client().post(link, data=NEW).status_code == 303
    museum = Organisation.get(Organisation.name == "Naturalis Biodiversity Center")
    assert Contact.get(Contact.organisation == museum).user_id == account.id


def test_a_colleague_added_by_a_partner_takes_the_account_back(app, make_user, squatter):
    account, attacker = squatter
    museum = factories.organisation(name="Naturalis Biodiversity Center", status="partner")
    partner = app.test_client()
    assert log_in(partner, make_user(organisation=museum).email).status_code == 302
    answer = partner.post(
        f"/partners/{museum.id}/contactpersonen",
        data={"name": "Echte Naam", "email": VICTIM, "kind": "primary"},
    )
    assert answer.status_code in (200, 303)
    _taken_back(app, account, attacker)
    assert attacker.get(f"/partners/{museum.id}/profiel").status_code in (302, 403)
    (link,) = link_paths(VICTIM, "/partners/uitnodiging/")
    assert app.test_client().post(link, data=NEW).status_code == 303
