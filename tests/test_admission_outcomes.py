"""Every outcome of an admission, through the HTTP interface, and the deciding-votes race."""

import threading
from datetime import timedelta

import pytest

from intranet.admission.models import Application, Vote
from intranet.admission.vote_rule import CLOSED
from intranet.db import db
from intranet.models import Contact, Organisation, OutboxMessage, User
from intranet.workflows import engine
from intranet.workflows.models import AuditEvent, Deadline
from tests.conftest import PASSWORD
from tests.support import factories
from tests.support.decide import (
    fresh,
    link_path,
    nominate,
    people,
    step,
    text,
    vote,
)
from tests.support.factories import cast_vote
from tests.support.mails import mails_to


@pytest.fixture
def voting(client, login, cast):
    """An uitgebreid application the projectleider nominated through the form."""
    case = factories.Case(cast.applicant, name="Techniek Lab").with_leader().get()
    assert nominate(client, login, cast.leader, case).status_code == 303
    return fresh(case)


def _events(trigger):
    return AuditEvent.select().where(AuditEvent.trigger == trigger).count()


def _assert_admitted(case, cast):
    organisation = Organisation.get_by_id(case.organisation_id)
    assert (organisation.status, organisation.membership_type) == ("partner", "uitgebreid")
    assert fresh(case).state == "toegelaten"
    assert len(mails_to(cast.applicant.email, "Welkom als partner, Techniek Lab")) == 1
    assert "contactpersoon" in User.get_by_id(cast.applicant.id).roles


def test_an_absolute_majority_voor_admits(client, login, cast, voting):
    vote(client, login, cast.members[0], voting, "voor", "Sterk aanbod.")
    assert fresh(voting).state == "stemming"
    response = vote(client, login, cast.members[1], voting, "voor")
    page = text(client.get(response.headers["Location"]))
    assert "Daarmee is de stemming gesloten: toegelaten." in page
    _assert_admitted(voting, cast)
    assert _events("meerderheid_voor") == 1
    assert Deadline.pending_for("toetreding", voting.id).count() == 0  # the deadline lapsed


def test_an_absolute_majority_tegen_rejects(client, login, cast, voting):
    vote(client, login, cast.members[0], voting, "tegen")
    vote(client, login, cast.members[1], voting, "tegen", "Geen onderwijsdoel.")
    assert fresh(voting).state == "afgewezen"
    assert Organisation.get_by_id(voting.organisation_id).status == "aspirant"
    (mail,) = mails_to(cast.applicant.email, "Besluit over uw aanmelding")
    assert "meerderheid tegen" in mail.body
    assert "contactpersoon" not in User.get_by_id(cast.applicant.id).roles


def test_the_majority_is_of_all_current_members_not_of_the_votes_cast(client, login, make_user):
    cast = people(make_user, members=4)
    case = factories.Case(cast.applicant).with_leader().get()
    nominate(client, login, cast.leader, case)
    vote(client, login, cast.members[0], case, "voor")
    vote(client, login, cast.members[1], case, "voor")
    assert fresh(case).state == "stemming"  # 2 of 4 is no absolute majority
    vote(client, login, cast.members[2], case, "voor")
    assert fresh(case).state == "toegelaten"


def test_all_voted_without_a_majority_escalates(client, login, cast, voting):
    vote(client, login, cast.members[0], voting, "voor")
    vote(client, login, cast.members[1], voting, "tegen")
    vote(client, login, cast.members[2], voting, "twijfel")
    assert fresh(voting).state == "regiegroep"
    assert len(mails_to(cast.chair.email, "Besluit gevraagd: Techniek Lab")) == 1
    login(cast.regie)
    assert "Techniek Lab" in text(client.get("/regiegroep/"))


def test_the_deadline_passing_without_a_majority_escalates(client, login, cast, voting, runner):
    vote(client, login, cast.members[0], voting, "voor")
    before = fresh(voting).vote_deadline - timedelta(minutes=1)
    runner.invoke(args=["workflows", "tick", "--now", before.isoformat(timespec="seconds")])
    assert fresh(voting).state == "stemming"
    after = fresh(voting).vote_deadline + timedelta(minutes=1)
    result = runner.invoke(args=["workflows", "tick", "--now", after.isoformat(timespec="seconds")])
    assert "uitgevoerd: 1" in result.output
    assert fresh(voting).state == "regiegroep"
    login(cast.chair)
    page = text(client.get(f"/regiegroep/{voting.id}"))
    assert "De stemtermijn verstreek zonder meerderheid" in page


def test_the_projectleider_in_doubt_escalates(client, login, cast, voting):
    vote(client, login, cast.members[0], voting, "voor")
    login(cast.leader)
    step(client, voting, "escaleren", "Twee leden twijfelen mondeling.")
    assert fresh(voting).state == "regiegroep"
    assert vote(client, login, cast.members[1], voting, "voor").status_code == 409
    login(cast.regie)
    page = text(client.get(f"/regiegroep/{voting.id}"))
    assert "Twee leden twijfelen mondeling." in page


def test_the_regiegroep_admits(client, login, cast):
    case = factories.Case(cast.applicant).escalated(cast.leader).get()
    Organisation.update(name="Techniek Lab").where(
        Organisation.id == case.organisation_id
    ).execute()
    login(cast.chair)
    step(client, case, "regiegroep_toelaten", "Een waardevolle aanvulling.")
    _assert_admitted(case, cast)
    (mail,) = mails_to(cast.applicant.email, "Welkom als partner")
    assert "Een waardevolle aanvulling." in mail.body


def test_the_regiegroep_rejects(client, login, cast):
    case = factories.Case(cast.applicant).escalated(cast.leader).get()
    login(cast.chair)
    step(client, case, "regiegroep_afwijzen", "Geen aanbod voor leerlingen.")
    assert fresh(case).state == "afgewezen"
    assert Organisation.get_by_id(case.organisation_id).status == "aspirant"
    (mail,) = mails_to(cast.applicant.email, "Besluit over uw aanmelding")
    assert "Geen aanbod voor leerlingen." in mail.body


def test_the_new_partners_contactpersonen_can_log_in(client, login, cast, voting):
    vote(client, login, cast.members[0], voting, "voor")
    vote(client, login, cast.members[1], voting, "voor")
    login(cast.applicant)
    assert "contactpersoon" in User.get_by_id(cast.applicant.id).roles
    backup_email = voting.backup_email
    (mail,) = mails_to(backup_email, "Uw account")
    reset = link_path(mail.body, "/wachtwoord-herstellen/")
    new = {"password": "achtervang-wachtwoord", "confirm": "achtervang-wachtwoord"}
    assert client.post(reset, data=new).status_code == 302
    backup = User.by_email(backup_email)
    login(backup, password="achtervang-wachtwoord")
    assert "contactpersoon" in User.get_by_id(backup.id).roles
    kinds = {c.user_id: c.kind for c in Contact.select()}
    assert kinds == {cast.applicant.id: "primary", backup.id: "achtervang"}


def test_an_achtervang_with_an_account_is_told_they_are_achtervang(
    client, login, cast, voting, make_user
):
    backup = make_user(email=voting.backup_email)
    vote(client, login, cast.members[0], voting, "voor")
    vote(client, login, cast.members[1], voting, "voor")
    assert not mails_to(backup.email, "Uw account")
    (mail,) = mails_to(backup.email, "U bent achtervang van")
    assert "toegevoegd als achtervang van" in mail.body and "U bent contactpersoon" not in mail.body


def test_a_recorded_vote_counts_like_any_other(client, login, cast, voting):
    vote(client, login, cast.members[0], voting, "voor")
    login(cast.leader)
    client.post(
        f"/aanmeldingen/{voting.id}/stem-vastleggen",
        data={"member": cast.members[1].id, "choice": "voor", "motivation": "Per telefoon."},
    )
    _assert_admitted(voting, cast)
    login(cast.members[2])
    page = text(client.get(f"/stemmen/{voting.id}"))
    assert f"vastgelegd door {cast.leader.name} namens {cast.members[1].name}" in page


def test_a_former_members_vote_does_not_count(client, login, cast, voting):
    from intranet.models import Membership

    vote(client, login, cast.members[0], voting, "voor")
    Membership.delete().where(Membership.user == cast.members[0].id).execute()
    vote(client, login, cast.members[1], voting, "voor")
    assert fresh(voting).state == "stemming"  # 1 of the 2 current members
    vote(client, login, cast.members[2], voting, "voor")
    assert fresh(voting).state == "toegelaten"


def _race(app, case_id, members, choice):
    """Cast the members' votes in parallel threads, each on its own connection."""
    barrier = threading.Barrier(len(members))
    results = []

    def cast_one(member):
        with app.app_context():
            try:
                barrier.wait()
                results.append(cast_vote(case_id, member, choice))
            except engine.AlreadyHandled as error:
                results.append(error.message)
            finally:
                db.close()

    threads = [threading.Thread(target=cast_one, args=(member,)) for member in members]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


@pytest.mark.parametrize("choice", ["voor", "tegen"])
def test_two_deciding_votes_at_once_give_one_outcome(app, cast, make_user, choice):
    outcome, state, subject = {
        "voor": ("meerderheid_voor", "toegelaten", "Welkom als partner"),
        "tegen": ("meerderheid_tegen", "afgewezen", "Besluit over uw aanmelding"),
    }[choice]
    for round_ in range(3):
        applicant = make_user()
        case = factories.Case(applicant, name=f"Race {round_}").nominated(cast.leader).get()
        cast_vote(case.id, cast.members[0], choice)
        mails = OutboxMessage.select().count()
        results = _race(app, case.id, cast.members[1:], choice)
        assert sorted(results, key=str) == sorted([outcome, CLOSED], key=str)
        assert Application.get_by_id(case.id).state == state
        events = AuditEvent.select().where(AuditEvent.case_id == case.id)
        assert events.where(AuditEvent.trigger == outcome).count() == 1
        assert Vote.select().where(Vote.application == case.id).count() == 2
        assert len(mails_to(applicant.email, subject)) == 1
        expected = 2 if choice == "voor" else 1  # welcome and the achtervang's account, or no
        closed = OutboxMessage.select().where(OutboxMessage.kind == "admission_vote_closed")
        told = len(cast.members) + 1  # once to each member and the projectleider
        assert closed.where(OutboxMessage.subject.endswith(f"Race {round_}")).count() == told
        assert OutboxMessage.select().count() - mails == expected + told


def test_votes_from_many_members_at_once_never_lose_a_vote(app, make_user):
    cast = people(make_user, members=7)
    case = factories.Case(cast.applicant).nominated(cast.leader).get()
    results = _race(app, case.id, cast.members[:3], "twijfel")
    assert results == [None, None, None]
    assert Vote.select().where(Vote.application == case.id).count() == 3
    assert Application.get_by_id(case.id).state == "stemming"


def test_the_applicants_password_still_works_after_admission(client, login, cast, voting):
    vote(client, login, cast.members[0], voting, "voor")
    vote(client, login, cast.members[1], voting, "voor")
    response = client.post("/inloggen", data={"email": cast.applicant.email, "password": PASSWORD})
    assert response.status_code == 302
