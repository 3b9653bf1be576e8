"""200 rounds of decisive actions taken at the same moment: one outcome each, nothing lost.

SQLite runs the racers as processes (as gunicorn's workers would), PostgreSQL as threads.
Deciding votes: each round's case needs one more voor and every racer casts it at once;
exactly one closes the vote, the others are told it closed; one audit event, one set of
e-mails. Signing (tests/support/races_signing.py, with the rounds feature): every contactpersoon of
a partner signs its renewal at once; one signature, one audit event, one confirmation each.
"""

from datetime import timedelta

import pytest
from peewee import fn

from intranet.admission.models import Application, Vote
from intranet.admission.vote_rule import CLOSED
from intranet.clock import now
from intranet.db import db
from intranet.models import Membership, Organisation, OutboxMessage, User
from intranet.workflows.models import AuditEvent, Deadline
from tests import conftest
from tests.support.factories import cast_vote
from tests.support.races import Scenario, play
from tests.support.races_signing import SIGNING

ROUNDS = 200
MEMBERS = 5  # majority 3: two members voted voor already
RACERS = 3  # the other three cast the deciding voor at the same moment


def _ids(model, field, prefix):
    query = model.select(model.id).where(field.startswith(prefix)).order_by(model.id)
    return [row_id for (row_id,) in query.tuples()]


def _members():
    User.insert_many(
        [
            {
                "email": f"lid{n}@example.org",
                "name": f"Lid {n}",
                "password_hash": "x",
                "email_confirmed_at": now(),
            }
            for n in range(MEMBERS)
        ]
    ).execute()
    members = _ids(User, User.email, "lid")
    Membership.insert_many([{"user": user, "group": "projectgroep"} for user in members]).execute()
    return members


def _applications(organisations, applicant, deadline):
    Application.insert_many(
        [
            {
                "organisation": organisation,
                "applicant": applicant.id,
                "route": "uitgebreid",
                "profile": "Techniek voor kinderen.",
                "backup_name": f"Achtervang {n}",
                "backup_email": f"achtervang{n:03}@example.org",
                "state": "stemming",
                "vote_deadline": deadline,
                "submitted_at": now(),
            }
            for n, organisation in enumerate(organisations)
        ]
    ).execute()
    return [a.id for a in Application.select(Application.id).order_by(Application.id)]


def open_votes(rounds):
    """`rounds` applications at the vote, each with two voor; the plan: three racers each."""
    deadline = now() + timedelta(days=14)
    with db.atomic():
        members = _members()
        voters, racers = members[: MEMBERS - RACERS], members[MEMBERS - RACERS :]
        applicant = User.create(email="aanvrager@example.org", name="Aanvrager")
        Organisation.insert_many(
            [
                {"name": f"Race {n:03}", "sector": "bedrijf", "municipality": "Leiden"}
                for n in range(rounds)
            ]
        ).execute()
        cases = _applications(_ids(Organisation, Organisation.name, "Race "), applicant, deadline)
        Deadline.insert_many(
            [
                {"workflow": "toetreding", "case_id": case, "action": "geen_meerderheid"}
                | {"due_at": deadline}
                for case in cases
            ]
        ).execute()
        Vote.insert_many(
            [
                {"application": case, "member": voter, "choice": "voor", "cast_at": now()}
                for case in cases
                for voter in voters
            ]
        ).execute()
    return [[(case, racer) for racer in racers] for case in cases]


def vote_voor(case_id, member_id):
    """A racer's move: cast the deciding voor."""
    return cast_vote(case_id, User.get_by_id(member_id), "voor")


def _per_case(query, column):
    return dict(query.select(column, fn.COUNT(column)).group_by(column).tuples())


def each_vote_closed_once(plan, results):
    """One admission per case: its state, audit event, votes, e-mails and timer."""
    rounds, cases = len(plan), [arguments[0][0] for arguments in plan]
    outcomes = [o for outcomes in results.values() for o in outcomes]
    assert {o[1] for o in outcomes if o[0] == "done"} == {"meerderheid_voor"}
    assert {o[2] for o in outcomes if o[0] == "refused"} == {CLOSED}
    assert _per_case(Application.select(), Application.state) == {"toegelaten": rounds}
    closings = AuditEvent.select().where(AuditEvent.trigger == "meerderheid_voor")
    assert sorted(_per_case(closings, AuditEvent.case_id).items()) == [(c, 1) for c in cases]
    votes = _per_case(Vote.select(), Vote.application)
    assert set(votes.values()) == {MEMBERS - RACERS + 1}  # the earlier voters and one winner
    welcome = OutboxMessage.select().where(OutboxMessage.subject.startswith("Welkom als partner"))
    assert sorted(m.subject for m in welcome) == [
        f"Welkom als partner, Race {n:03}" for n in range(rounds)
    ]
    accounts = OutboxMessage.select().where(OutboxMessage.to.startswith("achtervang"))
    assert sorted(m.to for m in accounts) == [
        f"achtervang{n:03}@example.org" for n in range(rounds)
    ]
    closed = OutboxMessage.select().where(OutboxMessage.kind == "admission_vote_closed")
    assert closed.count() == MEMBERS * rounds  # every member hears once that the vote closed
    others = OutboxMessage.select().where(OutboxMessage.kind != "admission_vote_closed")
    assert others.count() == 2 * rounds
    assert not others.where(OutboxMessage.status != "stored").exists()
    assert not Deadline.select().where(Deadline.fired_at.is_null()).exists()


DECIDING_VOTES = Scenario(
    name="deciding votes",
    prepare=open_votes,
    act=vote_voor,
    refusal="AlreadyHandled",
    check=each_vote_closed_once,
)
SCENARIOS = [DECIDING_VOTES, SIGNING]


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda scenario: scenario.name)
def test_200_rounds_of_simultaneous_decisive_actions_give_one_outcome_each(
    app, database_url, scenario
):
    results = play(
        scenario,
        ROUNDS,
        app=app,
        database_url=database_url,
        processes=not conftest.PG_URL,  # SQLite: processes, as gunicorn's workers
    )
    assert len(results) == ROUNDS
