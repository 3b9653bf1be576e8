"""Lean pages: how many SQL statements loading the user and casting a vote take.

Counted as a member works: the vote page is open (its parts are in the cache) when they vote.
"""

import pytest

from intranet.models import Contact, User
from tests import factories
from tests.decide import HTMX, fresh, people
from tests.query_count import counted_queries


@pytest.fixture
def cast(make_user):
    return people(make_user, members=5)


@pytest.fixture
def voting(cast):
    return factories.Case(cast.applicant).nominated(cast.leader).get()


def _vote(client, login, member, case, choice):
    login(member)
    return client.post(f"/stemmen/{case.id}", data={"choice": choice}, headers=HTMX)


def test_loading_the_user_with_roles_and_organisations_is_one_query(make_user, make_organisation):
    user = make_user("projectgroep", "regiegroep", voorzitter=True)
    own = make_organisation(name="Eigen Organisatie")
    Contact.create(organisation=own, user=user)
    with counted_queries() as statements:
        loaded = User.load(user.id)
        roles = loaded.roles
    assert len(statements) == 1
    assert roles == {"projectgroep", "regiegroep", "voorzitter", "contactpersoon"}
    assert loaded.organisation_ids == {own.id}


def test_a_page_request_loads_the_user_in_one_query(client, login, cast, voting):
    login(cast.members[0])
    with counted_queries() as statements:
        assert client.get("/stemmen/").status_code == 200
    assert sum('FROM "user"' in s and '"membership"' in s and "LEFT" in s for s in statements) == 1
    assert not any(s.lstrip().startswith('SELECT "t1"."id", "t1"."user_id"') for s in statements)


def test_a_second_page_takes_the_user_from_the_cache(client, login, cast, voting):
    login(cast.members[0])
    client.get("/stemmen/")
    with counted_queries(warm=True) as statements:
        assert client.get("/stemmen/").status_code == 200
    assert statements == [s for s in statements if '"cache_generation"' in s] and statements


def test_a_vote_that_does_not_close_takes_at_most_8_statements(client, login, cast, voting):
    login(cast.members[0])
    client.get(f"/stemmen/{voting.id}")  # the member reads the case, then votes
    with counted_queries(warm=True) as statements:
        response = client.post(f"/stemmen/{voting.id}", data={"choice": "voor"}, headers=HTMX)
    assert response.status_code == 200 and "Uw stem is vastgelegd." in response.get_data(True)
    assert "1 voor · 0 tegen · 0 twijfel" in response.get_data(True)
    assert len(statements) <= 8, statements


def test_a_closing_vote_that_rejects_takes_at_most_25_statements(client, login, cast, voting):
    for member in cast.members[:2]:
        _vote(client, login, member, voting, "tegen")
    login(cast.members[2])
    client.get(f"/stemmen/{voting.id}")
    with counted_queries(warm=True) as statements:
        response = client.post(f"/stemmen/{voting.id}", data={"choice": "tegen"}, headers=HTMX)
    assert "Daarmee is de stemming gesloten: afgewezen." in response.get_data(True)
    assert fresh(voting).state == "afgewezen"
    assert len(statements) <= 25, statements


def test_a_closing_vote_that_admits_takes_at_most_25_statements(client, login, cast, voting):
    for member in cast.members[:2]:
        _vote(client, login, member, voting, "voor")
    login(cast.members[2])
    client.get(f"/stemmen/{voting.id}")
    with counted_queries(warm=True) as statements:
        response = client.post(f"/stemmen/{voting.id}", data={"choice": "voor"}, headers=HTMX)
    assert "Daarmee is de stemming gesloten: toegelaten." in response.get_data(True)
    # the organisation, its two contactpersonen, the backup's account, two mails, and
    # whether a signing round is open that the new partner joins at once
    assert len(statements) <= 25, statements
