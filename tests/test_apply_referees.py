"""'Minimaal twee referenties': the form takes more than two (without JavaScript too), and the
rest of the workflow (links, waiting, the dossier) handles every one of them."""

from intranet.admission.eligibility import MAX_REFEREES
from intranet.admission.models import Application, Referee
from tests.support import factories
from tests.support.apply_support import (
    ACCOUNT,
    CONTACT,
    REFEREES,
    SUBMIT,
    errors,
    fill_in,
    heading,
    kept_answers,
    post_step,
)
from tests.support.decide import text
from tests.support.mails import links_to

THIRD = {
    "referee3_name": "Tess Referent",
    "referee3_email": "tess@bibliotheek.example.org",
    "referee3_organisation": "Bibliotheek",
    "referee3_relation": "partner in een project",
}
ADD = "add-referee"


def _at_referees(client):
    page = fill_in(client, "uitgebreid", upto="profiel")
    assert heading(page).endswith("Referenten")
    return page


def test_the_step_shows_two_referees_and_a_button_for_one_more(client):
    page = text(_at_referees(client))
    assert "Eerste referent" in page and "Tweede referent" in page
    assert "Derde referent" not in page and 'name="referee3_name"' not in page
    assert 'value="add-referee"' in page and "Nog een referent toevoegen" in page


def test_adding_a_referee_keeps_the_answers_and_shows_a_third(client):
    page = _at_referees(client)
    more = client.post(
        "/aanmelden/referenten",
        data={**REFEREES, "referee_count": "2", "go": ADD},
    )
    assert more.status_code == 303 and more.headers["Location"].endswith("#referent-3")
    page = client.get("/aanmelden/referenten")
    assert "Derde referent (optioneel)" in text(page) and 'name="referee3_email"' in text(page)
    assert 'value="Rosa Referent"' in text(page) and kept_answers()["referee_count"] == "3"


def test_three_referees_get_three_links_and_the_dossier_shows_three(client, make_user, login):
    page = _at_referees(client)
    page = post_step(client, page, REFEREES, go=ADD)
    page = post_step(client, page, {**REFEREES, **THIRD})
    assert heading(page).endswith("Contactpersoon"), errors(page)
    page = post_step(client, page, CONTACT)
    assert "Tess Referent (tess@bibliotheek.example.org)" in text(page)  # the summary
    post_step(client, page, ACCOUNT, go=SUBMIT)
    application = Application.select().order_by(Application.id.desc()).get()
    assert application.state == "referenties"
    referees = list(Referee.current(application))
    assert [r.name for r in referees] == ["Rosa Referent", "Ruud Referent", "Tess Referent"]
    for referee in referees:
        assert len(links_to(referee.email, "/referentie/")) == 1

    for referee in referees[:2]:
        path = links_to(referee.email, "/referentie/")[0].replace("http://localhost", "")
        client.post(path, data={"recommendation": "positief", "text": "Goed."})
    assert Application.get_by_id(application.id).state == "referenties"  # waits for the third
    login(make_user("projectleider"))
    dossier = text(client.get(f"/aanmeldingen/{application.id}"))
    assert "wacht op de referenties" in dossier
    assert all(name in dossier for name in ("Rosa Referent", "Ruud Referent", "Tess Referent"))
    assert dossier.count("nog geen antwoord") == 1


def test_a_third_referee_begun_needs_a_name_and_an_address(client):
    page = post_step(client, _at_referees(client), REFEREES, go=ADD)
    page = post_step(client, page, {**REFEREES, "referee3_name": "Tess Referent"})
    assert heading(page).endswith("Referenten")
    assert "Vul het e-mailadres van referent 3 in." in errors(page)
    assert 'value="Tess Referent"' in text(page)


def test_a_third_referee_left_empty_is_ignored(client):
    page = post_step(client, _at_referees(client), REFEREES, go=ADD)
    page = post_step(client, page, REFEREES)
    assert heading(page).endswith("Contactpersoon"), errors(page)


def test_a_referee_named_twice_is_refused_at_the_later_one(client):
    page = post_step(client, _at_referees(client), REFEREES, go=ADD)
    again = {**THIRD, "referee3_email": REFEREES["referee1_email"]}
    page = post_step(client, page, {**REFEREES, **again})
    assert "Geef verschillende referenten op: dit adres is al opgegeven." in errors(page)


def test_at_most_five_referees(client):
    page = _at_referees(client)
    for _ in range(MAX_REFEREES):
        page = post_step(client, page, REFEREES, go=ADD)
    assert "Vijfde referent" in text(page) and 'name="referee6_name"' not in text(page)
    assert "Nog een referent toevoegen" not in text(page)


def test_a_draft_gets_a_third_referee_and_loses_it_again(client, make_user, login):
    user = make_user()
    case = factories.Case(user)
    draft = case.get()
    login(user)
    url = f"/aanmelding/{draft.id}/wijzigen/referenten"
    current = {r.name: r for r in Referee.current(draft)}
    answers = {
        f"referee{n}_{part}": getattr(referee, part)
        for n, referee in enumerate(current.values(), start=1)
        for part in ("name", "email", "organisation", "relation")
    }
    more = client.post(url, data={**answers, "referee_count": "2", "go": ADD})
    assert more.status_code == 200 and "Derde referent" in text(more)
    saved = client.post(url, data={**answers, **THIRD, "referee_count": "3"})
    assert saved.status_code == 303
    assert Referee.current(draft).count() == 3
    cleared = dict.fromkeys(THIRD, "")  # the browser sends the emptied fields
    client.post(url, data={**answers, **cleared, "referee_count": "3"})
    assert [r.name for r in Referee.current(draft)] == list(current)


def test_the_add_referee_button_sent_to_another_step_adds_nothing(client, make_user, login):
    user = make_user()
    draft = factories.Case(user).get()
    login(user)  # a forged button: only the referees step has it (the fuzzer found a 500)
    url = f"/aanmelding/{draft.id}/wijzigen/organisatie"
    answer = client.post(url, data={"go": ADD})
    assert answer.status_code in (303, 422) and "referent" not in text(answer).lower()
    assert Referee.current(draft).count() == 2
