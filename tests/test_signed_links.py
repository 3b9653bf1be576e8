"""Signed links work once, for their own purpose, until they expire; tampering is refused.

Every purpose is listed once in LINKS: its route (None while it has none), the setting for
its lifetime, whom a link is for, and how its receiver uses it. The cross-use test sends
every purpose's token to every other purpose's route.
"""

import threading
import time
from dataclasses import dataclass

import pytest
from flask import current_app
from itsdangerous import TimestampSigner, URLSafeTimedSerializer

from intranet import security, tokens
from intranet.admission.models import Referee
from intranet.admission.workflow import WORKFLOW as admission
from intranet.clock import today
from intranet.models import UsedLink, User
from intranet.network.models import Invitation
from intranet.people.models import AddressChange
from intranet.rounds import signers
from intranet.rounds.models import RenewalInvitation
from intranet.workflows import engine
from tests.conftest import PASSWORD
from tests.support import factories
from tests.support.decide import text
from tests.support.network_support import published
from tests.support.rounds_support import open_renewal, renewal_setup
from tests.support.world import snapshot

NEW_PASSWORD = {"password": "een nieuw wachtwoord", "confirm": "een nieuw wachtwoord"}
REFERENCE = {"recommendation": "positief", "text": "Een betrouwbare partner."}


def _set_password(client, path):
    return client.post(path, data=NEW_PASSWORD)


def _confirm(client, path):
    return client.post(path)


def _answer_reference(client, path):
    return client.post(path, data=REFERENCE)


def _answer_meeting(client, path):
    return client.post(path, data={"answer": "komt"})


def _invitation(make_user):
    """An invitation to a published meeting that has not begun."""
    person = make_user()
    meeting = published(make_user("projectleider"), people=[person])
    return Invitation.get(Invitation.meeting == meeting.id, Invitation.user == person.id).id


def _account(make_user):
    return make_user().id


def _address_change(make_user):
    """An account's request to move to a new address."""
    user = make_user()
    return AddressChange.create(user=user, email=f"nieuw-{user.id}@example.org").id


def _invited_referee(make_user):
    """A referee invited for an application waiting for its references."""
    case = factories.Case(make_user()).get()
    engine.fire(admission, case.id, "indienen", case.applicant)
    return Referee.current(case).first().id


def _next(subject):
    """Another real subject: the next id (a list subject starts with its id)."""
    return [subject[0] + 1, *subject[1:]] if isinstance(subject, list) else subject + 1


def _named_signer(make_user):
    """A renewal invitation whose contactpersoon named the person who signs (a round over
    two partners, so a second call gives another invitation)."""
    unnamed = RenewalInvitation.select().where(RenewalInvitation.delegated_at.is_null())
    if not unnamed.exists():
        for _ in range(2):
            make_user(organisation=factories.organisation())
        _, following = renewal_setup()
        open_renewal(following)
    invitation = unnamed.order_by(RenewalInvitation.id).first()
    email = f"signer{invitation.id}@example.org"
    signers.name_signer(invitation.id, make_user(), "Marieke Bestuur", "voorzitter", email)
    return [invitation.id, email]


def _sign(client, path):
    return client.post(
        path,
        data={
            "signer_name": "Marieke Bestuur",
            "signer_function": "voorzitter",
            "signed_on": today().isoformat(),
            "authorised": "y",
        },
    )


@dataclass(frozen=True)
class Link:
    """A kind of signed link: its purpose (the token's salt) and the route that takes it."""

    purpose: str
    endpoint: str | None  # None: no route takes it (yet); its token is still tried elsewhere
    max_age: str  # the setting that says how long it lives
    subject: object  # (make_user) -> the id of whom or what a link is for
    use: object = None  # how its receiver uses it: (client, path) -> response


LINKS = (
    Link(
        "password-reset", "auth.reset_password", "PASSWORD_RESET_MAX_AGE", _account, _set_password
    ),
    # not logged in as the account: whoever holds the link chooses the password
    Link("email-confirm", "auth.confirm_email", "EMAIL_CONFIRM_MAX_AGE", _account, _set_password),
    Link(security.LOGIN_LINK, "auth.login_by_link", "LOGIN_LINK_MAX_AGE", _account, _confirm),
    Link(
        "partner-invite",
        "partners.accept_invite",
        "PARTNER_INVITE_MAX_AGE",
        _account,
        _set_password,
    ),
    Link(
        "account-invite",
        "people.accept_invite",
        "PARTNER_INVITE_MAX_AGE",
        _account,
        _set_password,
    ),
    Link(
        "email-change",
        "people.confirm_email_change",
        "EMAIL_CONFIRM_MAX_AGE",
        _address_change,
        _confirm,
    ),
    Link(
        "referee",
        "referee.answer",
        "REFEREE_LINK_MAX_AGE",
        _invited_referee,
        _answer_reference,
    ),
    Link(
        signers.PURPOSE,
        "rounds.sign_by_link",
        "SIGNER_LINK_MAX_AGE",
        _named_signer,
        _sign,
    ),
    Link(
        "meeting-answer",
        "network.answer_link",
        "MEETING_LINK_MAX_AGE",
        _invitation,
        _answer_meeting,
    ),
)
ROUTED = [link for link in LINKS if link.endpoint]


ACCOUNT_LINKS = {
    "password-reset",
    "email-confirm",
    security.LOGIN_LINK,
    "partner-invite",
    "account-invite",
}  # bound to the account's address, password and state (tokens.account_stamp)


def _make(purpose, subject):
    """A token as the app makes it for this purpose."""
    if purpose in ACCOUNT_LINKS:
        return security.account_link(purpose, User.get_by_id(subject))
    if purpose == "email-change":
        user = AddressChange.get_by_id(subject).user
        return security.account_link(purpose, user, subject=subject)
    return tokens.make(purpose, subject)


def _url(endpoint, token):
    return current_app.url_map.bind("localhost").build(endpoint, {"token": token})


def _path(link, token):
    return _url(link.endpoint, token)


@pytest.mark.parametrize("link", ROUTED, ids=lambda link: link.purpose)
def test_a_link_works_once_then_says_it_was_used(client, make_user, link):
    path = _path(link, _make(link.purpose, link.subject(make_user)))
    first = link.use(client, path)
    assert first.status_code in (302, 303), text(first)
    after = snapshot()
    for again in (link.use(client, path), client.get(path)):
        assert again.status_code == 400 and "al gebruikt" in text(again)
    assert snapshot() == after


def _resign(token, change):
    """The token with its payload changed but its old timestamp and signature."""
    payload, stamp, signature = token.rsplit(".", 2)
    serializer = URLSafeTimedSerializer("x")
    data = serializer.load_payload(payload.encode())
    forged = serializer.dump_payload(change(data)).decode()
    return f"{forged}.{stamp}.{signature}"


def _flip(text, index):
    return text[:index] + ("A" if text[index] != "A" else "B") + text[index + 1 :]


MANGLINGS = {
    "signature changed": lambda t, p, i: _flip(t, len(t) - 10),
    "payload changed": lambda t, p, i: _flip(t, 2),
    "other subject": lambda t, p, i: _resign(t, lambda data: {**data, "s": _next(i)}),
    "signature cut off": lambda t, p, i: t.rsplit(".", 1)[0],
    "only dots": lambda t, p, i: "..",
    "other secret key": lambda t, p, i: URLSafeTimedSerializer(
        "another-secret", salt=f"intranet:{p}"
    ).dumps({"s": i, "n": "nonce"}),
    "no nonce": lambda t, p, i: tokens._serializer(p).dumps({"s": i}),
    "not a dict": lambda t, p, i: tokens._serializer(p).dumps([i, "nonce"]),
}


@pytest.mark.parametrize("mangling", MANGLINGS)
@pytest.mark.parametrize("link", ROUTED, ids=lambda link: link.purpose)
def test_a_tampered_link_is_refused_and_changes_nothing(client, make_user, link, mangling):
    subject = link.subject(make_user)
    link.subject(make_user)  # so that "other subject" names a real one too
    token = MANGLINGS[mangling](tokens.make(link.purpose, subject), link.purpose, subject)
    before = snapshot()
    for response in (client.get(_path(link, token)), link.use(client, _path(link, token))):
        assert response.status_code == 400 and "ongeldig" in text(response)
    assert snapshot() == before


def _made_ago(monkeypatch, purpose, subject, seconds):
    """A token as if it had been made `seconds` ago."""
    with monkeypatch.context() as patched:
        patched.setattr(TimestampSigner, "get_timestamp", lambda self: int(time.time()) - seconds)
        return _make(purpose, subject)


@pytest.mark.parametrize("link", ROUTED, ids=lambda link: link.purpose)
def test_a_link_expires_after_its_lifetime(app, client, make_user, monkeypatch, link):
    lifetime = int(app.config[link.max_age].total_seconds())
    subject = link.subject(make_user)
    expired = _made_ago(monkeypatch, link.purpose, subject, lifetime + 5)
    before = snapshot()
    response = link.use(client, _path(link, expired))
    assert response.status_code == 400 and "verlopen" in text(response)
    assert snapshot() == before
    almost = _made_ago(monkeypatch, link.purpose, subject, lifetime - 60)
    assert link.use(client, _path(link, almost)).status_code in (302, 303)


CROSS_USES = [
    (token_link, route_link)
    for token_link in LINKS
    for route_link in ROUTED
    if token_link.purpose != route_link.purpose
]


@pytest.mark.parametrize(
    "token_link, route_link",
    CROSS_USES,
    ids=[f"{t.purpose}-on-{r.purpose}" for t, r in CROSS_USES],
)
def test_a_link_only_works_for_its_own_purpose(client, make_user, token_link, route_link):
    token = _make(token_link.purpose, token_link.subject(make_user))
    route_link.subject(make_user)
    before = snapshot()
    path = _path(route_link, token)
    for response in (client.get(path), route_link.use(client, path)):
        assert response.status_code == 400 and "ongeldig" in text(response)
    assert snapshot() == before
    if token_link.endpoint:  # the failed attempt did not use it up where it belongs
        used = token_link.use(client, _path(token_link, token))
        assert used.status_code in (302, 303)


# Routes whose token is a stored secret, not a signed link (tests/test_calendar.py).
# Routes whose token is a random secret stored with its row (it dies with the row), and the
# application form's return link (tested in test_apply_walk.py), outside LINKS.
STORED_SECRETS = {
    "calendar.feed",
    "network.confirm_registration",
    "network.cancel_registration",
    "newsletters.unsubscribe",
    "apply.resume",
}


def test_every_route_that_takes_a_token_is_listed(app):
    takes_token = {r.endpoint for r in app.url_map.iter_rules() if "token" in r.arguments}
    listed = {link.endpoint for link in ROUTED} | STORED_SECRETS
    assert takes_token == listed, "list each link route in LINKS (tests/test_signed_links)"


def test_two_uses_of_one_reset_link_at_the_same_moment_set_one_password(app, make_user):
    user = make_user()
    path = _url("auth.reset_password", _make("password-reset", user.id))
    barrier, statuses = threading.Barrier(4), []

    def use(password):
        client = app.test_client()
        barrier.wait()
        response = client.post(path, data={"password": password, "confirm": password})
        statuses.append((response.status_code, password))

    threads = [threading.Thread(target=use, args=(f"wachtwoord nummer {n}",)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert sorted(status for status, _ in statuses) == [302, 400, 400, 400]
    (winner,) = [password for status, password in statuses if status == 302]
    login = app.test_client().post("/inloggen", data={"email": user.email, "password": winner})
    assert login.status_code == 302
    old = app.test_client().post("/inloggen", data={"email": user.email, "password": PASSWORD})
    assert old.status_code == 200
    assert UsedLink.select().count() == 1
