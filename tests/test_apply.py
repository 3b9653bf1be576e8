"""Applying: the multi-step form, submitting in one go by every route, or keeping a draft."""

import pytest

from intranet.admission.models import Application, Referee
from intranet.models import Organisation, User
from tests.conftest import PASSWORD as EXISTING_PASSWORD
from tests.support import factories
from tests.support.apply_support import (
    ACCOUNT,
    CONTACT,
    REFEREES,
    SAVE,
    SUBMIT,
    errors,
    fill_in,
    heading,
    hidden,
    organisation,
    post_step,
)
from tests.support.decide import text
from tests.support.mails import links_to, mails_to


def submit(client, case_id, state="concept"):
    """Press 'Aanmelding indienen' on the case page (a draft kept for later)."""
    return client.post(
        f"/zaak/toetreding/{case_id}/stap/indienen",
        data={"expected_state": state},
        follow_redirects=True,
    )


def saved_case_id(response):
    """The case a saved form redirected to."""
    assert response.status_code == 303, (heading(response), errors(response))
    return int(response.headers["Location"].rsplit("/", 1)[1])


@pytest.mark.parametrize("route", ["basis", "schoolbestuur", "school", "vse"])
def test_one_submit_sends_a_by_right_route_straight_to_the_projectleider(client, leader, route):
    case_id = saved_case_id(fill_in(client, route))
    page = text(client.get(f"/aanmelding/{case_id}"))
    assert "is ingediend. U krijgt een bevestiging per e-mail" in page
    assert "Bij de projectleider" in page
    assert "Dien de aanmelding in" not in page and "Aanmelding indienen" not in page
    application = Application.get_by_id(case_id)
    assert (application.state, application.route) == ("bij_projectleider", route)
    assert application.submitted_at is not None
    assert application.organisation.status == "aspirant"
    assert len(mails_to(leader.email)) == 1
    subjects = [m.subject for m in mails_to(CONTACT["contact_email"])]
    assert "Uw aanmelding is ontvangen" in subjects


def test_one_submit_sends_the_uitgebreid_route_to_its_referees(client, leader):
    case_id = saved_case_id(fill_in(client, "uitgebreid"))
    page = text(client.get(f"/aanmelding/{case_id}"))
    assert "is ingediend" in page and "Wacht op referenties" in page
    assert "uitgenodigd op" in page
    assert Application.get_by_id(case_id).state == "referenties"
    for address in (REFEREES["referee1_email"], REFEREES["referee2_email"]):
        assert len(links_to(address, "/referentie/")) == 1
    assert not mails_to(leader.email)


def test_submitting_creates_a_logged_in_account_with_a_confirmation_link(client):
    response = fill_in(client, "basis")
    page = text(client.get(response.headers["Location"]))
    assert "is ingediend" in page and "bevestigen" in page and "Uitloggen" in page
    user = User.by_email(CONTACT["contact_email"])
    assert user.name == "Anna Aanvrager" and user.groups == {} and user.password_hash
    assert links_to(user.email, "/bevestigen/")
    organisation_row = Organisation.get(Organisation.name == "Techniekatelier Zoeterwoude")
    assert organisation_row.status == "aspirant" and organisation_row.pupil_count is None


def test_bewaar_als_concept_keeps_a_draft_to_submit_later(client, leader):
    case_id = saved_case_id(fill_in(client, "basis", finish=SAVE))
    page = text(client.get(f"/aanmelding/{case_id}"))
    assert "als concept opgeslagen" in page and "Uitloggen" in page
    assert Application.get_by_id(case_id).state == "concept"
    assert not mails_to(leader.email)
    mine = text(client.get("/mijn-aanmelding"))
    assert "Techniekatelier Zoeterwoude" in mine and "Concept" in mine
    submitted = text(submit(client, case_id))
    assert "is ingediend" in submitted and "Bij de projectleider" in submitted
    assert len(mails_to(leader.email)) == 1


def test_an_existing_address_must_log_in_instead_of_getting_a_second_account(client, make_user):
    existing = make_user(email=CONTACT["contact_email"])
    wrong = fill_in(client, "basis")
    assert heading(wrong).endswith("Controleer en dien in")
    assert any("Er bestaat al een account" in message for message in errors(wrong))
    assert User.select().count() == 1 and Application.select().count() == 0
    right = post_step(client, wrong, {"password": EXISTING_PASSWORD}, go=SUBMIT)
    case_id = saved_case_id(right)
    assert Application.get_by_id(case_id).applicant_id == existing.id
    assert Application.get_by_id(case_id).state == "bij_projectleider"
    assert User.select().count() == 1
    assert "Uitloggen" in text(client.get(f"/aanmelding/{case_id}"))


def test_the_password_is_asked_on_the_last_step_and_never_carried(client):
    contact = fill_in(client, "basis", upto="organisatie")
    assert heading(contact).endswith("Contactpersoon") and 'name="password"' not in text(contact)
    review = post_step(client, contact, {**CONTACT, "password": "een lang wachtwoord"})
    assert heading(review).endswith("Controleer en dien in")
    assert 'type="password"' in text(review)
    assert "password" not in dict(hidden(review))
    short = post_step(client, review, {"password": "kort"}, go=SUBMIT)
    assert any("minstens 10 tekens" in message for message in errors(short))
    assert Application.select().count() == 0


def test_a_logged_in_applicant_only_names_the_achtervang(client, make_user, login):
    user = make_user()
    login(user)
    page = fill_in(client, "basis", upto="organisatie")
    assert "U bent de contactpersoon" in text(page) and 'name="password"' not in text(page)
    review = post_step(client, page, {"backup_name": "Bert", "backup_email": "bert@example.org"})
    assert 'name="password"' not in text(review)
    assert f"{user.name} ({user.email})" in text(review)
    case_id = saved_case_id(post_step(client, review, {}, go=SUBMIT))
    assert Application.get_by_id(case_id).applicant_id == user.id
    assert Application.get_by_id(case_id).state == "bij_projectleider"
    assert User.select().count() == 1


def test_submitting_the_form_twice_saves_it_once(client):
    last = fill_in(client, "uitgebreid", upto="contactpersoon")
    first = post_step(client, last, ACCOUNT, go=SUBMIT)
    again = post_step(client, last, ACCOUNT, go=SUBMIT)
    saved_case_id(first)
    assert again.status_code == 303 and again.headers["Location"].endswith("/mijn-aanmelding")
    assert "al opgeslagen" in text(client.get("/mijn-aanmelding"))
    assert User.select().count() == Organisation.select().count() == 1
    assert Application.select().count() == 1 and Referee.select().count() == 2
    assert len(links_to(CONTACT["contact_email"], "/bevestigen/")) == 1
    assert len(links_to(REFEREES["referee1_email"], "/referentie/")) == 1


def test_submitting_a_draft_twice_is_already_handled(client, leader):
    case_id = saved_case_id(fill_in(client, "basis", finish=SAVE))
    submit(client, case_id)
    again = submit(client, case_id)
    assert "al afgehandeld" in text(again)
    assert len(mails_to(leader.email)) == 1


def test_back_keeps_what_was_typed(client):
    page = fill_in(client, "school", upto="organisatie")
    back = post_step(client, page, {"backup_name": "Half af"}, go="back")
    assert heading(back).endswith("Organisatie")
    assert 'value="De Zeester Oegstgeest"' in text(back)
    again = client.get("/aanmelden/contactpersoon")  # the browser's Forward, or Volgende
    assert heading(again).endswith("Contactpersoon") and 'value="Half af"' in text(again)


def test_another_users_case_is_forbidden_and_an_unknown_one_not_found(client, make_user, login):
    case = factories.Case(make_user(), route="basis").get()
    login(make_user())
    assert client.get(f"/aanmelding/{case.id}").status_code == 403
    assert client.get(f"/aanmelding/{case.id}/wijzigen/organisatie").status_code == 403
    assert client.get("/aanmelding/999999").status_code == 404
    assert client.get("/aanmelding/999999/wijzigen/route").status_code == 404


def test_a_draft_step_can_be_changed_but_not_after_submitting(client, make_user, login):
    user = make_user()
    case = factories.Case(user, route="basis").get()
    login(user)
    changed = {**organisation("basis"), "name": "Nieuwe Naam", "municipality": "wassenaar"}
    response = client.post(f"/aanmelding/{case.id}/wijzigen/organisatie", data=changed)
    assert response.status_code == 303
    assert "Opgeslagen: organisatie" in text(client.get(f"/aanmelding/{case.id}"))
    organisation_row = Organisation.get_by_id(case.organisation_id)
    assert (organisation_row.name, organisation_row.municipality) == ("Nieuwe Naam", "Wassenaar")
    submit(client, case.id)
    late = client.post(f"/aanmelding/{case.id}/wijzigen/organisatie", data=changed)
    assert late.status_code == 409 and "al ingediend" in text(late)


def test_changing_the_route_checks_the_municipality_already_given(client, make_user, login):
    user = make_user()
    case = factories.Case(user, route="basis").get()  # in Leiden
    Organisation.update(municipality="Wassenaar").where(
        Organisation.id == case.organisation_id
    ).execute()
    login(user)
    response = client.post(f"/aanmelding/{case.id}/wijzigen/route", data={"route": "schoolbestuur"})
    assert response.status_code == 200
    assert any("niet in Wassenaar" in message for message in errors(response))
    assert Application.get_by_id(case.id).route == "basis"


def test_a_logged_in_applicant_is_pointed_to_their_draft(client, make_user, login):
    user = make_user()
    case = factories.Case(user, route="basis", name="Half Af").get()
    login(user)
    page = client.get("/aanmelden")
    assert "U heeft al een concept voor Half Af" in text(page)
    assert f'href="/aanmelding/{case.id}"' in text(page)


def test_two_simultaneous_submits_of_the_form_save_it_once(app):
    import threading

    browser = app.test_client()
    last = fill_in(browser, "basis", upto="contactpersoon")
    session = browser.get_cookie("session").value
    barrier, responses = threading.Barrier(2), []

    def submit_form():  # two tabs of one browser: the same session cookie
        client = app.test_client()
        client.set_cookie("session", session)
        barrier.wait()
        responses.append(post_step(client, last, ACCOUNT, go=SUBMIT))

    threads = [threading.Thread(target=submit_form) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(r.status_code for r in responses) == [303, 303]
    assert User.select().count() == Organisation.select().count() == 1
    assert Application.select().count() == 1
    assert Application.get().state == "bij_projectleider"
    assert len(links_to(CONTACT["contact_email"], "/bevestigen/")) == 1


def test_the_route_choice_says_for_whom_each_route_is_and_what_it_costs(client):
    page = text(client.get("/aanmelden"))
    assert "€ 150 per schooljaar." in page and "€ 500 per schooljaar." in page
    assert "€ 1,50 per kindplaats." in page and "de projectgroep stemt" in page


def test_a_drafts_new_route_drops_or_asks_the_count(client, make_user, login):
    user = make_user()
    case = factories.Case(user, route="school").get()  # with a count of 250
    login(user)
    client.post(f"/aanmelding/{case.id}/wijzigen/route", data={"route": "basis"})
    assert Organisation.get_by_id(case.organisation_id).pupil_count is None
    edit = client.get(f"/aanmelding/{case.id}/wijzigen/organisatie")
    assert 'name="pupils"' not in text(edit)
    back = client.post(f"/aanmelding/{case.id}/wijzigen/route", data={"route": "school"})
    assert back.headers["Location"].endswith(f"/aanmelding/{case.id}/wijzigen/organisatie")
    asked = text(client.get(back.headers["Location"]))
    assert "Vul het aantal leerlingen in" in asked and 'name="pupils"' in asked
    assert "Organisatie: nog in te vullen" in text(client.get(f"/aanmelding/{case.id}"))
    refused = submit(client, case.id)  # the engine's completeness rule knows the count too
    assert "niet compleet" in text(refused)
    assert Application.get_by_id(case.id).state == "concept"
