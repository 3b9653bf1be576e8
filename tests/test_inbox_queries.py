"""The deciders' pages cost the same number of queries for one case as for many."""

import pytest

from intranet.admission.models import Comment
from intranet.admission.workflow import WORKFLOW as admission
from intranet.workflows import engine
from tests.support import factories
from tests.support.decide import people
from tests.support.factories import cast_vote
from tests.support.query_count import counted_queries as counting


def _queries(client, url):
    with counting() as statements:
        response = client.get(url)
    assert response.status_code == 200
    assert statements  # the hook sees the queries
    return len(statements)


def _fill(cast_of_five, make_user, size):
    """Cases in every state the lists show, `size` of each."""
    for _ in range(size):
        factories.Case(make_user()).with_leader().get()
        voting = factories.Case(make_user()).nominated(cast_of_five.leader).get()
        for member in cast_of_five.members[:2]:
            cast_vote(voting.id, member, "twijfel", "Weet niet.", recorded_by=cast_of_five.leader)
        case = factories.Case(make_user()).escalated(cast_of_five.leader).get()
        Comment.create(application=case, author=cast_of_five.regie, text="Even bespreken.")
        done = factories.Case(make_user()).escalated(cast_of_five.leader).get()
        engine.fire(admission, done.id, "regiegroep_afwijzen", cast_of_five.chair, comment="Nee.")


@pytest.mark.parametrize(
    ("who", "url"),
    [("leader", "/aanmeldingen/"), ("members", "/stemmen/"), ("regie", "/regiegroep/")],
)
def test_lists_do_not_grow_in_queries_with_the_cases(
    client, login, cast_of_five, make_user, who, url
):
    login(cast_of_five.members[0] if who == "members" else getattr(cast_of_five, who))
    _fill(cast_of_five, make_user, 1)
    small = _queries(client, url)
    _fill(cast_of_five, make_user, 4)
    assert _queries(client, url) == small


def test_a_closed_vote_page_does_not_grow_in_queries_with_the_votes(client, login, make_user):
    cast = people(make_user, members=9)
    few = factories.Case(make_user()).nominated(cast.leader).get()
    cast_vote(few.id, cast.members[0], "voor", recorded_by=cast.leader)
    engine.fire(admission, few.id, "escaleren", cast.leader, comment="twijfel")
    many = factories.Case(make_user()).nominated(cast.leader).get()
    for member in cast.members[:4]:
        cast_vote(many.id, member, "tegen" if member.id % 2 else "voor", recorded_by=cast.leader)
    engine.fire(admission, many.id, "escaleren", cast.leader, comment="twijfel")
    login(cast.members[0])
    assert _queries(client, f"/stemmen/{few.id}") == _queries(client, f"/stemmen/{many.id}")
    login(cast.regie)
    for case in (few, many):
        for number in range(1 if case is few else 5):
            Comment.create(application=case, author=cast.regie, text=f"Reactie {number}")
    assert _queries(client, f"/regiegroep/{few.id}") == _queries(client, f"/regiegroep/{many.id}")
