"""Referees answer through a signed, single-use, expiring link; misuse shows a Dutch page."""

import html
from datetime import timedelta

import pytest
from flask import current_app
from itsdangerous.timed import TimestampSigner

from intranet import tokens
from intranet.admission.models import Application, Referee
from intranet.admission.workflow import WORKFLOW as admission
from intranet.formats import moment_words
from intranet.glossary import RECOMMENDATION_MEANINGS
from intranet.models import Organisation, OutboxMessage
from intranet.workflows import engine
from tests.support import factories
from tests.support.apply_support import errors
from tests.support.decide import text
from tests.support.mails import links_to


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


def test_a_used_link_says_so_and_records_nothing_twice(client, case, leader):
    path = link_of(referees(case)[0])
    answer(client, path)
    again = answer(client, path, "negatief", "Toch niet.")
    assert again.status_code == 400 and "al gebruikt" in text(again)
    assert client.get(path).status_code == 400
    assert Referee.get_by_id(referees(case)[0].id).recommendation == "positief"
    copies = OutboxMessage.select().where(OutboxMessage.kind == "admission_referee_copy")
    assert copies.count() == 1  # the refused second answer sent no copy


def test_a_reused_link_says_when_they_answered_and_whom_to_mail(client, case, leader):
    referee = referees(case)[0]
    path = link_of(referee)
    answer(client, path)
    answered_at = Referee.get_by_id(referee.id).answered_at
    page = text(client.get(path))
    assert "<h1>U gaf deze referentie al</h1>" in page and "al gebruikt" in page
    assert f"U gaf uw referentie op {moment_words(answered_at)}." in page
    address = current_app.config["PROJECTLEIDER_REPLY_TO"]  # the role's, not the person's
    assert leader.name in page and f'<a href="mailto:{address}">{address}</a>' in page
    assert leader.email not in page


def test_a_link_that_no_longer_works_still_names_the_projectleider(client, case, leader):
    engine.fire(admission, case.id, "intrekken", case.applicant)
    page = text(client.get(link_of(referees(case)[0])))
    assert "Deze referentielink werkt niet" in page and "U gaf" not in page
    assert f"mailto:{current_app.config['PROJECTLEIDER_REPLY_TO']}" in page


def test_the_referee_gets_a_copy_of_the_answer_after_the_commit(client, case, leader):
    referee = referees(case)[0]
    answer(client, link_of(referee), "neutraal", "Ik ken hun werk\nnog maar kort.")
    (copy,) = OutboxMessage.select().where(
        OutboxMessage.to == referee.email, OutboxMessage.kind == "admission_referee_copy"
    )
    assert copy.subject == "Uw referentie voor Stichting Denkwerk"
    assert "Uw advies: Neutraal" in copy.body and "Ik ken hun werk\nnog maar kort." in copy.body
    assert f"{leader.name}: {current_app.config['PROJECTLEIDER_REPLY_TO']}" in copy.body
    assert copy.status in ("queued", "stored")  # in the outbox: it leaves after the commit


def test_the_form_explains_each_advice_and_links_the_website(client, case):
    Organisation.update(website="https://denkwerk.example.org").where(
        Organisation.id == case.organisation_id
    ).execute()
    page = text(client.get(link_of(referees(case)[0])))
    for number, meaning in enumerate(RECOMMENDATION_MEANINGS.values()):
        assert f'aria-describedby="recommendation-{number}-hint"' in page
        assert f'id="recommendation-{number}-hint">{html.escape(meaning)}</small>' in page
    assert '<a href="https://denkwerk.example.org" rel="noopener external">' in page


def test_after_an_error_the_hint_stays_a_hint(client, case):
    page = text(client.post(link_of(referees(case)[0]), data={"recommendation": "positief"}))
    assert '<small class="hint" id="text-hint">' in page
    assert '<small class="error" id="text-error">' in page


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
    assert "U gaf uw referentie op " in text(page)


def test_a_link_for_a_withdrawn_application_is_no_longer_needed(client, case):
    engine.fire(admission, case.id, "intrekken", case.applicant)
    page = client.get(link_of(referees(case)[0]))
    assert page.status_code == 409 and "niet meer nodig" in text(page)


def test_an_unknown_referee_in_a_valid_link_says_it_is_invalid(client, case):
    page = client.get(f"/referentie/{tokens.make('referee', 999_999)}")
    assert page.status_code == 400 and "ongeldig" in text(page)
