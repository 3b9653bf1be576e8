"""Referees answer through a signed, single-use, expiring link; misuse shows a Dutch page."""

from datetime import timedelta

import pytest
from itsdangerous.timed import TimestampSigner

from intranet import tokens
from intranet.admission.models import Application, Referee
from intranet.admission.workflow import WORKFLOW as admission
from intranet.models import OutboxMessage
from intranet.workflows import engine
from tests.support import factories
from tests.test_apply_support import errors, links_to, text


@pytest.fixture
def case(make_user):
    applicant = make_user()
    case = factories.Case(applicant, route="uitgebreid", name="Stichting Denkwerk").get()
    engine.fire(admission, case.id, "indienen", applicant)
    return case


def link_of(referee):
    """The path of the newest link mailed to a referee."""
    return links_to(referee.email, "/referentie/")[-1].replace("http://localhost", "")


def referees(case):
    """The case's current referees."""
    return list(Referee.current(case))


def answer(client, path, recommendation="positief", text_="Een betrouwbare partner."):
    """Fill in the referee's form."""
    return client.post(path, data={"recommendation": recommendation, "text": text_})


def test_both_referees_answer_and_the_case_goes_to_the_projectleider(client, case, leader):
    first, second = referees(case)
    done = answer(client, link_of(first))
    assert done.status_code == 303
    assert "Dank u wel" in text(client.get(done.headers["Location"]))
    assert Application.get_by_id(case.id).state == "referenties"
    answer(client, link_of(second), "neutraal", "Nog niet lang actief.")
    assert Application.get_by_id(case.id).state == "bij_projectleider"
    mail = OutboxMessage.get(OutboxMessage.to == leader.email)
    assert "Alle referenties zijn binnen" in mail.body
    stored = Referee.get_by_id(second.id)
    assert (stored.recommendation, stored.text) == ("neutraal", "Nog niet lang actief.")


def test_the_page_shows_the_application_without_an_account(client, case):
    page = client.get(link_of(referees(case)[0]))
    body = text(page)
    assert page.status_code == 200 and "Referentie voor Stichting Denkwerk" in body
    assert "Wij organiseren techniekworkshops" in body  # the profile
    assert "Uitgebreid lidmaatschap" in body and "Inloggen" in body  # nobody is logged in
    for choice in ("Positief", "Neutraal", "Negatief"):
        assert choice in body


@pytest.mark.parametrize(
    ("data", "message", "kept"),
    [
        ({"text": "Prima club."}, "Kies positief, neutraal of negatief.", "Prima club."),
        ({"recommendation": "positief", "text": ""}, "Schrijf kort waarom u dit adviseert.",
         'checked id="recommendation-0"'),
        ({"recommendation": "super", "text": "Ja graag"}, "Kies positief, neutraal of negatief.",
         "Ja graag</textarea>"),
    ],
)  # fmt: skip
def test_an_incomplete_reference_is_refused_and_kept(client, case, data, message, kept):
    path = link_of(referees(case)[0])
    page = client.post(path, data=data)
    assert page.status_code == 200 and message in errors(page)
    assert kept in text(page).replace("\n", "")
    assert Referee.get_by_id(referees(case)[0].id).status == "uitgenodigd"
    assert client.get(path).status_code == 200  # the link still works


def test_a_used_link_says_so_and_records_nothing_twice(client, case):
    path = link_of(referees(case)[0])
    answer(client, path)
    again = answer(client, path, "negatief", "Toch niet.")
    assert again.status_code == 400 and "al gebruikt" in text(again)
    assert client.get(path).status_code == 400
    assert Referee.get_by_id(referees(case)[0].id).recommendation == "positief"


def test_a_tampered_link_says_so(client, case):
    path = link_of(referees(case)[0])
    page = client.get(path[:-3] + ("abc" if not path.endswith("abc") else "xyz"))
    assert page.status_code == 400 and "ongeldig of beschadigd" in text(page)


def test_an_expired_link_says_so(client, case, monkeypatch):
    path = link_of(referees(case)[0])
    later = TimestampSigner.get_timestamp(TimestampSigner("x")) + 22 * 24 * 3600
    monkeypatch.setattr(TimestampSigner, "get_timestamp", lambda self: later)
    page = client.get(path)
    assert page.status_code == 400 and "verlopen" in text(page)
    assert answer(client, path).status_code == 400
    assert referees(case)[0].status == "uitgenodigd"


def test_the_link_lifetime_is_a_setting(app, client, case, monkeypatch):
    path = link_of(referees(case)[0])
    app.config["REFEREE_LINK_MAX_AGE"] = timedelta(days=30)
    later = TimestampSigner.get_timestamp(TimestampSigner("x")) + 22 * 24 * 3600
    monkeypatch.setattr(TimestampSigner, "get_timestamp", lambda self: later)
    assert client.get(path).status_code == 200


def test_a_link_made_for_another_purpose_is_refused(client, case):
    referee = referees(case)[0]
    reset = tokens.make("password-reset", referee.id)
    page = client.get(f"/referentie/{reset}")
    assert page.status_code == 400 and "ongeldig" in text(page)
    assert answer(client, f"/referentie/{reset}").status_code == 400
    assert Referee.get_by_id(referee.id).status == "uitgenodigd"


def test_a_replaced_referees_link_stops_working(client, case):
    from intranet.admission.referees.answers import replace_referee

    old = referees(case)[0]
    path = link_of(old)
    replace_referee(old.id, case.applicant, "Nina Nieuw", "nina@example.org")
    page = client.get(path)
    assert page.status_code == 400 and "iemand anders als referent" in text(page)
    assert answer(client, path).status_code == 400  # a replaced link, as everywhere
    assert Referee.get_by_id(old.id).status == "vervangen"


def test_the_reminders_link_after_answering_says_it_was_given(client, case):
    from intranet.admission.effects import remind_referees
    from intranet.clock import now
    from intranet.db import write_transaction

    referee = referees(case)[0]
    with write_transaction():
        remind_referees(admission, Application.get_by_id(case.id), now())
    first, reminder = links_to(referee.email, "/referentie/")
    answer(client, first.replace("http://localhost", ""))
    page = client.get(reminder.replace("http://localhost", ""))
    assert page.status_code == 409 and "al gegeven" in text(page)


def test_a_link_for_a_withdrawn_application_is_no_longer_needed(client, case):
    engine.fire(admission, case.id, "intrekken", case.applicant)
    page = client.get(link_of(referees(case)[0]))
    assert page.status_code == 409 and "niet meer nodig" in text(page)


def test_an_unknown_referee_in_a_valid_link_says_it_is_invalid(client, case):
    page = client.get(f"/referentie/{tokens.make('referee', 999_999)}")
    assert page.status_code == 400 and "ongeldig" in text(page)
