"""Nominating to the projectgroep with a deadline, and recording a vote on a member's behalf."""

from datetime import datetime, timedelta

import pytest

from intranet.admission.models import Application, Vote
from intranet.clock import local, today
from intranet.workflows.models import AuditEvent, Deadline
from tests.support import factories
from tests.support.decide import csrf_token, fresh, nominate, text
from tests.support.factories import cast_vote
from tests.support.mails import mails_to


def test_the_deadline_defaults_to_the_vote_duration_setting(app, client, login, cast):
    app.config["VOTE_DURATION"] = timedelta(days=10)
    case = factories.Case(cast.applicant).with_leader().get()
    login(cast.leader)
    page = text(client.get(f"/aanmeldingen/{case.id}/voordragen"))
    assert f'value="{(today() + timedelta(days=10)).isoformat()}"' in page
    assert 'name="expected_state" type="hidden" value="bij_projectleider"' in page


def test_nominating_opens_the_vote_until_the_end_of_the_chosen_day(client, login, cast):
    case = factories.Case(cast.applicant, name="Techniek Lab").with_leader().get()
    response = nominate(client, login, cast.leader, case, days=7)
    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"/aanmeldingen/{case.id}")
    chosen = today() + timedelta(days=7)
    assert f"stemmen tot en met {chosen:%d-%m-%Y}" in text(client.get(f"/aanmeldingen/{case.id}"))
    stored = fresh(case)
    assert stored.state == "stemming"
    assert f"{local(stored.vote_deadline):%d-%m-%Y %H:%M:%S}" == f"{chosen:%d-%m-%Y} 23:59:59"
    assert Deadline.get(Deadline.action == "geen_meerderheid").due_at == stored.vote_deadline
    for member in cast.members:
        assert mails_to(member.email, "Stemming: Techniek Lab")


@pytest.mark.parametrize(
    ("deadline", "message"),
    [
        ("", "Kies de laatste dag van de stemming."),
        ("volgende week", "Vul een geldige datum in"),
        ("2021-02-30", "Vul een geldige datum in"),
        ("today", "Kies een datum na vandaag."),
        ("yesterday", "Kies een datum na vandaag."),
        ("far", "Kies een datum binnen een jaar."),
    ],
)
def test_a_bad_deadline_is_refused_beside_the_field(client, login, cast, deadline, message):
    case = factories.Case(cast.applicant).with_leader().get()
    days = {"today": 0, "yesterday": -1, "far": 400}
    if deadline in days:
        deadline = (today() + timedelta(days=days[deadline])).isoformat()
    login(cast.leader)
    response = client.post(
        f"/aanmeldingen/{case.id}/voordragen",
        data={"deadline": deadline, "expected_state": "bij_projectleider"},
    )
    assert response.status_code == 422
    page = text(response)
    assert message in page.split('id="deadline-error"')[1]
    assert f'value="{deadline}"' in page or deadline == ""
    assert fresh(case).state == "bij_projectleider"


def test_nominating_twice_is_already_handled(client, login, cast):
    case = factories.Case(cast.applicant).with_leader().get()
    nominate(client, login, cast.leader, case)
    again = nominate(client, login, cast.leader, case)
    assert again.status_code == 409 and "al afgehandeld" in text(again)
    form = client.get(f"/aanmeldingen/{case.id}/voordragen")
    assert form.status_code == 409 and "Stemming projectgroep" in text(form)
    assert AuditEvent.select().where(AuditEvent.trigger == "voordragen").count() == 1


def test_a_by_right_route_cannot_be_nominated(client, login, cast):
    case = factories.Case(cast.applicant, route="basis").with_leader().get()
    login(cast.leader)
    form = client.get(f"/aanmeldingen/{case.id}/voordragen")
    assert form.status_code == 422 and "bevestig" in text(form)
    response = nominate(client, login, cast.leader, case)
    assert response.status_code == 422
    assert fresh(case).state == "bij_projectleider"


def _record(client, case, member, choice, motivation=""):
    return client.post(
        f"/aanmeldingen/{case.id}/stem-vastleggen",
        data={"member": member.id if member else "", "choice": choice, "motivation": motivation},
    )


def test_projectleider_records_a_vote_given_by_phone(client, login, cast):
    case = factories.Case(cast.applicant).nominated(cast.leader).get()
    member = cast.members[0]
    login(cast.leader)
    response = _record(client, case, member, "voor", "Telefonisch doorgegeven.")
    assert response.status_code == 303
    page = text(client.get(response.headers["Location"]))
    assert f"De stem van {member.name} is vastgelegd." in page
    assert f"vastgelegd door {cast.leader.name} namens {member.name}" in page
    assert "Telefonisch doorgegeven." not in page  # how, only once closed
    vote = Vote.get(Vote.member == member.id)
    assert (vote.choice, vote.recorded_by_id) == ("voor", cast.leader.id)


def test_the_member_sees_the_vote_recorded_for_them_and_may_change_it(client, login, cast):
    case = factories.Case(cast.applicant).nominated(cast.leader).get()
    member = cast.members[0]
    login(cast.leader)
    _record(client, case, member, "twijfel")
    login(member)
    page = text(client.get(f"/stemmen/{case.id}"))
    assert "U stemde <strong>twijfel</strong> (vastgelegd door de projectleider)" in page
    client.post(f"/stemmen/{case.id}", data={"choice": "voor"})
    vote = Vote.get(Vote.member == member.id)
    assert (vote.choice, vote.recorded_by_id) == ("voor", None)


def test_a_recorded_deciding_vote_closes_the_vote(client, login, cast):
    case = factories.Case(cast.applicant).nominated(cast.leader).get()
    cast_vote(case.id, cast.members[0], "tegen")
    login(cast.leader)
    response = _record(client, case, cast.members[1], "tegen", "In de vergadering.")
    page = text(client.get(response.headers["Location"]))
    assert "De stemming is gesloten: afgewezen." in page
    assert "In de vergadering." in page  # closed: every vote with its motivation
    assert f"vastgelegd door {cast.leader.name} namens {cast.members[1].name}" in page


@pytest.mark.parametrize(
    ("who", "choice", "message"),
    [
        (None, "voor", "Kies het lid namens wie u de stem vastlegt."),
        ("outsider", "voor", "Kies een huidig lid van de projectgroep."),
        ("member", "", "Kies voor, tegen of twijfel."),
        ("member", "misschien", "Kies voor, tegen of twijfel."),
    ],
)
def test_a_bad_recorded_vote_is_refused(client, login, cast, who, choice, message):
    case = factories.Case(cast.applicant).nominated(cast.leader).get()
    member = {"outsider": cast.outsider, "member": cast.members[0], None: None}[who]
    login(cast.leader)
    response = _record(client, case, member, choice)
    assert response.status_code == 422 and message in text(response)
    assert Vote.select().count() == 0


def test_recording_on_a_closed_vote_says_it_is_closed(client, login, cast):
    case = factories.Case(cast.applicant).nominated(cast.leader).get()
    cast_vote(case.id, cast.members[0], "voor")
    cast_vote(case.id, cast.members[1], "voor")
    login(cast.leader)
    response = _record(client, case, cast.members[2], "tegen")
    assert response.status_code == 409 and "De stemming is al gesloten" in text(response)
    assert Vote.select().where(Vote.member == cast.members[2].id).count() == 0


def test_no_recording_form_once_the_deadline_passed(client, login, cast):
    case = factories.Case(cast.applicant).nominated(cast.leader).get()
    Application.update(vote_deadline=datetime(2020, 1, 1)).where(
        Application.id == case.id
    ).execute()
    login(cast.leader)
    page = text(client.get(f"/aanmeldingen/{case.id}"))
    assert "termijn verstreken" in page and "Stem vastleggen" not in page
    response = _record(client, case, cast.members[0], "voor")
    assert response.status_code == 409 and "stemtermijn is verstreken" in text(response)


def test_the_deadline_is_a_date_picker(client, login, cast):
    case = factories.Case(cast.applicant).with_leader().get()
    login(cast.leader)
    assert 'type="date"' in text(client.get(f"/aanmeldingen/{case.id}/voordragen"))


def test_nominating_and_recording_work_with_csrf_protection_on(app, client, login, cast):
    case = factories.Case(cast.applicant).with_leader().get()
    login(cast.leader)
    app.config["WTF_CSRF_ENABLED"] = True
    form = text(client.get(f"/aanmeldingen/{case.id}/voordragen"))
    token = csrf_token(form)
    deadline = (today() + timedelta(days=7)).isoformat()
    data = {"deadline": deadline, "expected_state": "bij_projectleider"}
    assert client.post(f"/aanmeldingen/{case.id}/voordragen", data=data).status_code == 400
    data["csrf_token"] = token
    assert client.post(f"/aanmeldingen/{case.id}/voordragen", data=data).status_code == 303
    vote = {"member": cast.members[0].id, "choice": "voor", "csrf_token": token}
    assert _record(client, case, None, "").status_code == 400
    response = client.post(f"/aanmeldingen/{case.id}/stem-vastleggen", data=vote)
    assert response.status_code == 303 and Vote.get().recorded_by_id == cast.leader.id
