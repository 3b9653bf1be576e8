"""Reminders: members who have not voted hear from tick a set number of days before the
deadline, once; the projectleider reminds the non-responders of a vote or a round by hand,
at most once a day, and the page says when that was last done."""

from datetime import timedelta

import pytest

from intranet.admission.workflow import WORKFLOW as admission
from intranet.clock import now, today
from intranet.reminders.models import Reminder
from intranet.rounds.models import RenewalInvitation
from intranet.rounds.renewal_workflow import WORKFLOW as RENEWAL
from intranet.workflows import engine
from intranet.workflows.timers import tick
from tests.support.decide import HTMX, people, text
from tests.support.mails import mails_to
from tests.support.rounds_support import open_renewal, renewal_setup
from tests.support.weekly_support import at_vote

REMIND = "Herinnering: stemming"


@pytest.fixture
def vote(make_user, app):
    """A vote of three members, open for 14 days; the first member has voted."""
    from tests.support.factories import cast_vote

    app.config["VOTE_REMINDER_DAYS_BEFORE"] = 3
    cast = people(make_user)
    case = at_vote(make_user(), cast.leader, name="Muziekschool Leiden")
    cast_vote(case.id, cast.members[0], "voor", "")
    return cast, case


def test_members_who_have_not_voted_are_reminded_days_before_the_deadline_once(vote):
    cast, case = vote
    tick(now() + timedelta(days=10))
    assert mails_to(cast.members[1].email, REMIND) == []
    tick(now() + timedelta(days=11, hours=1))
    tick(now() + timedelta(days=12))
    tick(now() + timedelta(days=13))
    assert mails_to(cast.members[0].email, REMIND) == []  # voted already
    for member in cast.members[1:]:
        [message] = mails_to(member.email, REMIND)
        assert f"/stemmen/{case.id}" in message.body and "Muziekschool Leiden" in message.body
    [record] = Reminder.select()
    assert (record.subject, record.sent_by_id, record.recipients) == ("vote", None, 2)


def test_a_vote_that_closed_earlier_sends_no_reminder(vote):
    cast, case = vote
    engine.fire(admission, case.id, "escaleren", cast.leader, comment="Twijfel.")
    tick(now() + timedelta(days=12))
    assert mails_to(cast.members[1].email, REMIND) == []


def test_the_projectleider_reminds_the_non_voters_at_most_once_a_day(client, login, vote):
    cast, case = vote
    login(cast.leader)
    page = text(client.get(f"/stemmen/{case.id}"))
    assert "Herinner de leden die nog niet stemden" in page
    assert "Herinner de leden die nog niet stemden" in text(client.get(f"/aanmeldingen/{case.id}"))
    response = client.post(f"/stemmen/{case.id}/herinneren")
    assert response.status_code == 303 and response.headers["Location"] == f"/stemmen/{case.id}"
    page = text(client.get(f"/stemmen/{case.id}"))
    assert "Herinnering verstuurd aan 2 leden die nog niet reageerden." in page
    assert f"Laatst herinnerd door {cast.leader.name}" in page
    assert "Herinneren kan één keer per dag" in page
    again = client.post(f"/stemmen/{case.id}/herinneren", follow_redirects=True)
    assert "Er is vandaag al herinnerd" in text(again)
    for member in cast.members[1:]:
        assert len(mails_to(member.email, REMIND)) == 1
    [record] = Reminder.select()
    assert (record.sent_by_id, record.recipients) == (cast.leader.id, 2)


def test_reminding_goes_back_to_the_page_it_was_asked_from(client, login, vote):
    cast, case = vote
    login(cast.leader)
    back = client.post(f"/stemmen/{case.id}/herinneren", data={"next": f"/aanmeldingen/{case.id}"})
    assert back.headers["Location"] == f"/aanmeldingen/{case.id}"
    Reminder.delete().execute()
    elsewhere = client.post(f"/stemmen/{case.id}/herinneren", data={"next": "//evil.example"})
    assert elsewhere.headers["Location"] == "/"  # never off the site


def test_reminding_with_htmx_answers_with_the_block_alone(client, login, vote):
    cast, case = vote
    login(cast.leader)
    response = client.post(f"/stemmen/{case.id}/herinneren", headers=HTMX)
    body = text(response)
    assert response.status_code == 200 and body.lstrip().startswith('<section id="herinneren"')
    assert "Herinnering verstuurd aan 2 leden" in body
    refused = client.post(f"/stemmen/{case.id}/herinneren", headers=HTMX)
    assert refused.status_code == 409 and "Er is vandaag al herinnerd" in text(refused)


def test_a_day_later_the_projectleider_may_remind_again(client, login, vote):
    cast, case = vote
    login(cast.leader)
    client.post(f"/stemmen/{case.id}/herinneren")
    Reminder.update(sent_at=now() - timedelta(hours=25)).execute()
    client.post(f"/stemmen/{case.id}/herinneren")
    assert len(mails_to(cast.members[1].email, REMIND)) == 2


def test_only_the_projectleider_reminds(client, login, vote):
    cast, case = vote
    login(cast.members[0])
    assert client.post(f"/stemmen/{case.id}/herinneren").status_code == 403
    assert "Herinner de leden" not in text(client.get(f"/stemmen/{case.id}"))


def test_reminding_for_a_closed_vote_changes_nothing(client, login, vote):
    cast, case = vote
    engine.fire(admission, case.id, "escaleren", cast.leader, comment="Twijfel.")
    login(cast.leader)
    response = client.post(f"/stemmen/{case.id}/herinneren", follow_redirects=True)
    assert "Deze stemming is al gesloten" in text(response)
    assert Reminder.select().count() == 0
    assert client.post("/stemmen/999999/herinneren").status_code == 404


def test_the_projectleider_reminds_the_partners_that_have_not_answered_a_round(
    client, login, make_user, make_organisation
):
    museum, school = make_organisation(name="Museum Boerhaave"), make_organisation(name="Vliet")
    museum_contact, school_contact = make_user(organisation=museum), make_user(organisation=school)
    leader = make_user("projectleider")
    _, following = renewal_setup()
    round_ = open_renewal(following)
    signed = RenewalInvitation.get(RenewalInvitation.organisation == school)
    engine.fire(
        RENEWAL,
        signed.id,
        "tekenen",
        school_contact,
        data={
            "signer_name": "Anouk",
            "signer_function": "directeur",
            "signed_on": today(),
            "authorised": True,
        },
    )
    login(leader)
    page = text(client.get(f"/convenant/ronde/{round_.id}"))
    assert "Herinner de partners die nog niet reageerden" in page
    client.post(f"/convenant/ronde/{round_.id}/herinneren")
    [message] = mails_to(museum_contact.email, "Herinnering: ondertekening")
    assert "Museum Boerhaave" in message.body
    assert mails_to(school_contact.email, "Herinnering: ondertekening") == []
    page = text(client.get(f"/convenant/ronde/{round_.id}"))
    assert "Herinnering verstuurd aan 1 contactpersoon" in page
    assert f"Laatst herinnerd door {leader.name}" in page
