"""Lean pages: how many SQL statements loading the user, the busy pages and casting a vote take.

Counted as a member works: the vote page is open when they vote.
"""

import pytest

from intranet.admission.workflow import WORKFLOW as admission
from intranet.fees.models import PROJECTPLAN_RATES, FeeRate
from intranet.models import Contact, Membership, User
from intranet.schooljaar import schooljaar_of
from intranet.workflows import engine
from tests.support import factories
from tests.support.decide import HTMX, fresh, people
from tests.support.partners_support import add_partners
from tests.support.query_count import counted_queries
from tests.support.weekly_support import application, at_vote, escalated, with_leader


@pytest.fixture
def voting(cast_of_five):
    return factories.Case(cast_of_five.applicant).nominated(cast_of_five.leader).get()


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


def test_a_page_request_loads_the_user_in_one_query(client, login, cast_of_five, voting):
    login(cast_of_five.members[0])
    with counted_queries() as statements:
        assert client.get("/stemmen/").status_code == 200
    assert sum('FROM "user"' in s and '"membership"' in s and "LEFT" in s for s in statements) == 1
    assert not any(s.lstrip().startswith('SELECT "t1"."id", "t1"."user_id"') for s in statements)


def test_a_vote_that_does_not_close_takes_at_most_8_statements(client, login, cast_of_five, voting):
    login(cast_of_five.members[0])
    client.get(f"/stemmen/{voting.id}")  # the member reads the case, then votes
    with counted_queries() as statements:
        response = client.post(f"/stemmen/{voting.id}", data={"choice": "voor"}, headers=HTMX)
    assert response.status_code == 200 and "Uw stem is vastgelegd." in response.get_data(True)
    assert "1 voor · 0 tegen · 0 twijfel" in response.get_data(True)
    assert len(statements) <= 8, statements


def test_a_closing_vote_that_rejects_takes_at_most_25_statements(
    client, login, cast_of_five, voting
):
    for member in cast_of_five.members[:2]:
        _vote(client, login, member, voting, "tegen")
    login(cast_of_five.members[2])
    client.get(f"/stemmen/{voting.id}")
    with counted_queries() as statements:
        response = client.post(f"/stemmen/{voting.id}", data={"choice": "tegen"}, headers=HTMX)
    assert "Daarmee is de stemming gesloten: afgewezen." in response.get_data(True)
    assert fresh(voting).state == "afgewezen"
    assert len(statements) <= 25, "\n".join(s[:110] for s in statements)


def test_a_closing_vote_that_admits_takes_at_most_25_statements(
    client, login, cast_of_five, voting
):
    for member in cast_of_five.members[:2]:
        _vote(client, login, member, voting, "voor")
    login(cast_of_five.members[2])
    client.get(f"/stemmen/{voting.id}")
    with counted_queries() as statements:
        response = client.post(f"/stemmen/{voting.id}", data={"choice": "voor"}, headers=HTMX)
    assert "Daarmee is de stemming gesloten: toegelaten." in response.get_data(True)
    # the organisation's new status with its audit record, its two contactpersonen, the
    # backup's account, two mails, and whether a signing round is open that it joins at once
    assert len(statements) <= 25, "\n".join(s[:110] for s in statements)


BUSY_PAGES = ("/dashboard/", "/taken/", "/stemmen/", "/stemmen/{open}", "/stemmen/{closed}")


def _grow(cast_of_five, make_user, make_organisation, size):
    """Cases in every state the pages show, and partners without achtervang, `size` of each."""
    for _ in range(size):
        at_vote(make_user(), cast_of_five.leader)
        with_leader(make_user(), route="basis")
        escalated(make_user(), cast_of_five.leader)
        application(cast_of_five.chair, name=f"Concept {make_organisation().id}")


def _statements(client, url):
    with counted_queries() as statements:
        assert client.get(url).status_code == 200, url
    return len(statements)


def test_busy_pages_take_at_most_12_statements_whatever_the_roles_and_the_data(
    client, login, make_user, make_organisation
):
    """One person in every role (the most sources of tasks), the pages as they open them;
    then again with five times the cases and a hundred more partners: not one more."""
    cast_of_five = people(make_user)
    for group in ("projectleider", "projectgroep"):
        Membership.create(user=cast_of_five.chair, group=group)
    Contact.create(organisation=make_organisation(), user=cast_of_five.chair)
    FeeRate.set_year(schooljaar_of(), PROJECTPLAN_RATES)
    open_vote = factories.Case(make_user()).nominated(cast_of_five.leader).get()
    closed = factories.Case(make_user()).nominated(cast_of_five.leader).get()
    engine.fire(admission, closed.id, "escaleren", cast_of_five.leader, comment="twijfel")
    _grow(cast_of_five, make_user, make_organisation, 1)
    urls = [url.format(open=open_vote.id, closed=closed.id) for url in BUSY_PAGES]
    login(cast_of_five.chair)
    small = {url: _statements(client, url) for url in urls + ["/partners/"]}
    _grow(cast_of_five, make_user, make_organisation, 5)
    add_partners(100)
    large = {url: _statements(client, url) for url in urls + ["/partners/"]}
    assert large == small, large
    # Mijn taken counts every kind of work in one statement, then asks only the kinds with
    # work for their rows (intranet/tasks/sources.py): this cast_of_five has work of six kinds.
    assert max(large.values()) <= 12, large
    client.post("/uitloggen")
    assert _statements(client, "/partners/") <= 3  # the page and its count, the municipalities
