"""A vote followed from its URL to its commit: which of our modules it passes through.

Issue 21 asks that a vote pass through at most four modules and return to none it left.
This measures the walk: from the call of the route (`admission/votes/routes.py`, `vote`)
until the transaction commits, the module of the innermost `intranet.*` frame at every
call and return (library frames are transparent), consecutive repeats merged. A module
that shows up again after the walk went elsewhere is a return.

Today's walk is far from the goal (bench/README.md, "Where the time goes"): the engine is
four modules (engine, journal, definition, settling) that call back into the admission
workflow's rule, and each asks `clock`, `db` and the models on the way. The bounds below
are today's figures, so the walk cannot grow unnoticed; lower them as it shortens.
"""

import sys

from intranet.db import db
from tests.support import factories
from tests.support.decide import HTMX, people

ROUTE = ("intranet.admission.votes.routes", "vote")
MOST_MODULES = 14  # the goal: 4
MOST_RETURNS = 43  # the goal: 0


def _module_of(frame):
    while frame is not None:
        name = frame.f_globals.get("__name__", "")
        if name.startswith("intranet."):
            return name
        frame = frame.f_back
    return None


def walk_of_vote(client, case):
    """The modules a vote posted to `case` passes through, in order, until its commit."""
    walk, state = [], {"started": False, "committed": False}

    def follow(frame, event, arg):
        if state["committed"] or event not in ("call", "return"):
            return
        code = frame.f_code
        if event == "call" and (frame.f_globals.get("__name__"), code.co_name) == ROUTE:
            state["started"] = True
        if state["started"]:
            module = _module_of(frame if event == "call" else frame.f_back)
            if module and (not walk or walk[-1] != module):
                walk.append(module)

    commit = db.obj.commit

    def committing(*args, **kwargs):
        state["committed"] = True
        return commit(*args, **kwargs)

    db.obj.commit = committing
    sys.setprofile(follow)
    try:
        response = client.post(f"/stemmen/{case.id}", data={"choice": "voor"}, headers=HTMX)
    finally:
        sys.setprofile(None)
        db.obj.commit = commit
    assert response.status_code == 200 and "Uw stem is vastgelegd." in response.get_data(True)
    assert state["committed"], "the vote never reached its commit"
    return walk


def returns_in(walk):
    """How often the walk comes back to a module it had left."""
    return sum(module in walk[:index] for index, module in enumerate(walk))


def test_returns_count_every_module_the_walk_comes_back_to():
    assert returns_in(["a", "b", "c"]) == 0
    assert returns_in(["a", "b", "a", "c", "b"]) == 2


def test_a_vote_from_its_url_to_its_commit_walks_no_further_than_today(client, login, make_user):
    cast = people(make_user, members=5)
    case = factories.Case(cast.applicant).nominated(cast.leader).get()
    login(cast.members[0])
    client.get(f"/stemmen/{case.id}")  # the member reads the case, then votes
    walk = walk_of_vote(client, case)
    shown = " > ".join(module.removeprefix("intranet.") for module in walk)
    assert walk[0] == ROUTE[0] and walk[-1] == "intranet.db", shown
    assert len(set(walk)) <= MOST_MODULES, shown
    assert returns_in(walk) <= MOST_RETURNS, shown
