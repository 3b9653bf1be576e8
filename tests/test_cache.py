"""Cached page parts: a write shows at once, on every worker; nothing else moves them."""

import re

import pytest
from flask import g

from intranet.app import create_app
from intranet.cache import TOKEN_MARK, cache, cached, generation
from intranet.clock import today
from intranet.db import db, write_transaction
from intranet.models import CacheGeneration, LoginAttempt, Membership, Organisation
from tests import factories
from tests.conftest import PASSWORD, FreshContextClient
from tests.query_count import counted_queries


def current():
    return CacheGeneration.get_by_id(1).value


@pytest.fixture
def other_worker(app, database_url):
    """A second app on the same database: another gunicorn worker, with its own cache."""
    second = create_app({**app.config, "DATABASE_URL": database_url})
    second.test_client_class = FreshContextClient
    return second


def test_a_committed_write_moves_the_generation_once(app):
    before = current()
    with write_transaction():
        factories.organisation(name="Een")
        factories.organisation(name="Twee")
    assert current() == before + 1
    factories.organisation(name="Drie")  # outside a transaction: right after the write
    assert current() == before + 2


def test_a_rolled_back_write_and_a_failed_login_do_not_move_it(app):
    before = current()
    with pytest.raises(RuntimeError), write_transaction():
        factories.organisation(name="Teruggedraaid")
        raise RuntimeError("rolled back")
    LoginAttempt.create(key="account:iemand@example.org")
    assert current() == before
    assert not Organisation.select().where(Organisation.name == "Teruggedraaid").exists()


def test_a_value_is_kept_until_the_next_write(app):
    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    assert cached("tasks:teller", compute) == 1
    assert cached("tasks:teller", compute) == 1
    factories.organisation(name="Nieuw")
    g.pop("cache_generation", None)  # a new request reads the generation again
    assert cached("tasks:teller", compute) == 2


def test_inside_a_write_transaction_nothing_is_cached(app):
    with write_transaction():
        factories.organisation(name="Nog niet vastgelegd")
        assert cached("partner-municipalities", lambda: Organisation.select().count()) == 1
    g.pop("cache_generation", None)
    assert cached("partner-municipalities", lambda: -1) == -1  # the value above was not kept


def test_the_directory_shows_a_new_partner_at_once_on_another_worker(client, other_worker):
    factories.organisation(name="Eerste Partner")
    assert "Eerste Partner" in client.get("/partners/").get_data(as_text=True)
    second = other_worker.test_client()
    assert "Eerste Partner" in second.get("/partners/").get_data(as_text=True)
    with other_worker.app_context():  # the other worker renames it
        Organisation.update(name="Hernoemde Partner").execute()
    page = client.get("/partners/").get_data(as_text=True)
    assert "Hernoemde Partner" in page and "Eerste Partner" not in page


def test_the_dashboard_and_the_menu_count_show_a_new_application_at_once(client, login):
    leader = factories.person("projectleider")
    login(leader)
    before = client.get("/dashboard/").get_data(as_text=True)
    assert "Nieuwe Aanvrager" not in before
    factories.Case(factories.person(), route="basis", name="Nieuwe Aanvrager").submitted()
    after = client.get("/dashboard/").get_data(as_text=True)
    assert "Nieuwe Aanvrager" in after
    assert "Nieuwe Aanvrager" in client.get("/taken/").get_data(as_text=True)


def test_a_page_after_the_first_reads_only_the_generation(client, login):
    login(factories.person("projectleider"))
    client.get("/dashboard/")
    with counted_queries(warm=True) as statements:
        assert client.get("/dashboard/").status_code == 200
    assert len(statements) == 1 and '"cache_generation"' in statements[0]


def test_without_a_generation_row_nothing_is_cached(app):
    CacheGeneration.delete().execute()
    g.pop("cache_generation", None)
    assert generation() is None
    assert cached("tasks:x", lambda: 1) == 1 and cached("tasks:x", lambda: 2) == 2
    factories.organisation(name="Zet de teller weer neer")
    assert current() >= 1
    assert db.in_transaction() is False


def test_made_up_query_parameters_do_not_add_cache_entries(client):
    factories.organisation(name="Een Partner")
    for number in range(5):
        assert client.get(f"/partners/?x={number}").status_code == 200
    keys = [key for key in cache.cache._cache if "directory:" in key]  # SimpleCache's own
    assert len(keys) == 1, keys


def test_each_person_sees_only_their_own_cached_tasks(app, client, login):
    """Two members, one vote cast: the cache keeps each person's list and count apart."""
    leader = factories.person("projectleider")
    voted, waiting = factories.person("projectgroep"), factories.person("projectgroep")
    case = factories.Case(factories.person(), name="Gedeelde Zaak")
    case.nominated(leader).voted(voted, "voor")
    other = app.test_client()
    login(voted)
    assert (
        other.post("/inloggen", data={"email": waiting.email, "password": PASSWORD}).status_code
        == 302
    )
    for _ in range(2):  # the second round comes from the cache
        mine, theirs = client.get("/taken/").get_data(as_text=True), other.get("/taken/")
        theirs = theirs.get_data(as_text=True)
        assert "Stem over de aanmelding van Gedeelde Zaak" not in mine
        assert "Stem over de aanmelding van Gedeelde Zaak" in theirs
        assert '<span class="task-count"' not in mine
        assert '<span class="task-count" aria-hidden="true">1</span>' in theirs


def test_every_key_prefix_is_listed(app):
    with pytest.raises(KeyError, match="KEYS"):
        cached("nergens-gedocumenteerd:1", lambda: 1)


def _form_token(page):
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)


def _header_token(page):
    return re.search(r'"X-CSRFToken": "([^"]+)"', page).group(1)


def test_a_kept_vote_form_carries_the_token_of_the_session_that_asks(app, client, login):
    """The same member in two browsers: the kept panel is one, each form has its own token."""
    app.config["WTF_CSRF_ENABLED"] = True
    leader, member = factories.person("projectleider"), factories.person("projectgroep")
    factories.person("projectgroep")  # a second member: one vote does not close it
    case = factories.Case(factories.person(), name="Twee Browsers").nominated(leader)
    browsers = [app.test_client(), app.test_client()]
    pages = []
    for browser in browsers:
        form = browser.get("/inloggen").get_data(as_text=True)
        data = {"email": member.email, "password": PASSWORD, "csrf_token": _form_token(form)}
        assert browser.post("/inloggen", data=data).status_code == 302
        pages.append(browser.get(f"/stemmen/{case.id}").get_data(as_text=True))
    tokens = [_form_token(page) for page in pages]
    assert tokens[0] != tokens[1]
    assert [_header_token(page) for page in pages] == tokens
    assert not any(TOKEN_MARK in page for page in pages)
    vote = {"choice": "voor", "motivation": "", "csrf_token": tokens[1]}
    assert browsers[1].post(f"/stemmen/{case.id}", data=vote).status_code == 303
    assert "U stemde <strong>voor</strong>" in browsers[0].get(f"/stemmen/{case.id}").get_data(
        as_text=True
    )  # the vote shows at once in the other browser too


def test_the_public_directory_is_kept_whole_without_a_session(app, client):
    factories.organisation(name="Openbare Partner")
    first = client.get("/partners/")
    assert "Openbare Partner" in first.get_data(as_text=True)
    assert "X-CSRFToken" not in first.get_data(as_text=True)
    assert "Set-Cookie" not in first.headers  # no session made for a visitor who only reads
    keys = [key for key in cache.cache._cache if key.startswith("directory-page:")]
    assert len(keys) == 1
    with counted_queries(warm=True) as statements:
        assert "Openbare Partner" in client.get("/partners/").get_data(as_text=True)
    assert len(statements) == 1
    factories.organisation(name="Tweede Partner")
    assert "Tweede Partner" in client.get("/partners/").get_data(as_text=True)


def test_a_visitor_with_a_message_waiting_gets_the_page_made_for_them(app, client):
    with client.session_transaction() as session:
        session["_flashes"] = [("success", "U bent uitgelogd.")]
    page = client.get("/partners/").get_data(as_text=True)
    assert "U bent uitgelogd." in page
    assert "U bent uitgelogd." not in client.get("/partners/").get_data(as_text=True)


def _user_reads(statements):
    return [sql for sql in statements if 'FROM "user"' in sql]


def test_a_vote_leaves_the_cached_user_and_a_seat_change_reloads_it(app, client, login):
    """Users follow their own counter: a vote moves only the other one."""
    leader = factories.person("projectleider")
    member, other = factories.person("projectgroep"), factories.person("projectgroep")
    case = factories.Case(factories.person(), name="Eigen Teller").nominated(leader)
    login(member)
    client.get("/taken/")
    case.voted(other, "voor")  # another member's vote: the tasks change, the user does not
    with counted_queries(warm=True) as statements:
        assert client.get("/taken/").status_code == 200
    assert not _user_reads(statements)
    assert len(statements) > 1  # the tasks were computed again
    Membership.update(ends_on=today()).where(Membership.user == member.id).execute()
    with counted_queries(warm=True) as statements:
        assert client.get("/stemmen/").status_code == 403  # the seat ended: at once
    assert _user_reads(statements)


def test_a_kept_list_links_on_with_the_search_it_was_kept_for(client):
    """Made-up or untidy arguments of one visitor never reach the links another gets."""
    for number in range(35):
        factories.organisation(name=f"Partner {number:02d}", sector="PO")
    first = client.get("/partners/?sector=PO&x=gemaakt&zoek=++Partner+").get_data(as_text=True)
    again = client.get("/partners/?sector=PO&zoek=Partner").get_data(as_text=True)
    for page in (first, again):
        assert "x=gemaakt" not in page
        assert "zoek=Partner&amp;sector=PO&amp;pagina=2" in page


def test_a_warm_vote_page_does_not_read_who_voted_for_the_projectleider(client, login):
    """The list of who voted is read only when the panel is rendered, not when it is kept."""
    leader, member = factories.person("projectleider"), factories.person("projectgroep")
    factories.person("projectgroep")
    case = factories.Case(factories.person(), name="Wie Stemde").nominated(leader)
    case.voted(member, "voor")
    login(leader)
    assert member.name in client.get(f"/stemmen/{case.id}").get_data(as_text=True)
    with counted_queries(warm=True) as statements:
        assert member.name in client.get(f"/stemmen/{case.id}").get_data(as_text=True)
    assert not [sql for sql in statements if 'FROM "vote"' in sql], statements
