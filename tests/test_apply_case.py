"""After saving: the case page, answering a question, withdrawing, replacing a referee."""

from intranet.admission.models import Application, Referee
from intranet.admission.workflow import WORKFLOW as admission
from intranet.workflows import engine
from tests.support import factories
from tests.support.apply_support import errors
from tests.support.decide import text
from tests.support.mails import links_to, mails_to


def fire(client, case_id, trigger, state, comment="", htmx=False):
    """Press a step's button on the case page."""
    return client.post(
        f"/zaak/toetreding/{case_id}/stap/{trigger}",
        data={"expected_state": state, "comment": comment, "bevestigd": "ja"},
        headers={"HX-Request": "true"} if htmx else {},
        follow_redirects=not htmx,
    )


def test_applicant_answers_the_projectleiders_question(client, applicant, leader, login):
    case = factories.Case(applicant, route="basis").submitted().get()
    engine.fire(admission, case.id, "aanvulling_vragen", leader, comment="Hoeveel workshops?")
    assert any("Hoeveel workshops?" in m.body for m in mails_to(applicant.email))
    login(applicant)
    page = client.get(f"/aanmelding/{case.id}")
    assert "Vraag van de projectleider" in text(page) and "Hoeveel workshops?" in text(page)
    assert "Aanvulling versturen" in text(page)
    answered = fire(client, case.id, "aanvullen", "aanvulling", comment="Twaalf per jaar.")
    assert "Bij de projectleider" in text(answered)
    assert Application.get_by_id(case.id).state == "bij_projectleider"
    assert any("Twaalf per jaar." in m.body for m in mails_to(leader.email))


def test_an_empty_answer_is_refused_and_changes_nothing(client, applicant, leader, login):
    case = factories.Case(applicant, route="basis").submitted().get()
    engine.fire(admission, case.id, "aanvulling_vragen", leader, comment="Welke leeftijden?")
    login(applicant)
    response = fire(client, case.id, "aanvullen", "aanvulling", comment=" ", htmx=True)
    assert response.status_code == 422 and "Vul in: uw antwoord." in text(response)
    assert Application.get_by_id(case.id).state == "aanvulling"


def test_applicant_withdraws_and_the_projectleider_is_told(client, applicant, leader, login):
    case = factories.Case(applicant, route="basis").submitted().get()
    login(applicant)
    page = fire(client, case.id, "intrekken", "bij_projectleider", comment="Toch niet.")
    assert "Ingetrokken" in text(page) and "Aanmelding intrekken</button>" not in text(page)
    assert any("Toch niet." in m.body for m in mails_to(leader.email))
    again = client.post(
        "/aanmelden/controleer/name",
        data={"name": case.organisation.name},
        headers={"HX-Request": "true"},
    )
    assert 'class="error"' not in text(again)  # the organisation may apply again


def test_withdrawing_twice_is_already_handled(client, applicant, login):
    case = factories.Case(applicant, route="basis").submitted().get()
    login(applicant)
    fire(client, case.id, "intrekken", "bij_projectleider")
    again = fire(client, case.id, "intrekken", "bij_projectleider", htmx=True)
    assert again.status_code == 409 and "al afgehandeld" in text(again)


def replacement(referee, **fields):
    """The replace form's fields for a referee."""
    values = {"name": "Nina Nieuw", "email": "nina@example.org", "organisation": "Bibliotheek"}
    values.update(fields)
    return {f"r{referee.id}-{name}": value for name, value in values.items()}


def test_applicant_replaces_a_referee_who_does_not_answer(client, applicant, login):
    case = factories.Case(applicant).submitted().get()
    old = Referee.current(case)[0]
    old_link = links_to(old.email, "/referentie/")[0]
    login(applicant)
    assert "Reageert Referent 1 niet?" in text(client.get(f"/aanmelding/{case.id}"))
    response = client.post(
        f"/aanmelding/{case.id}/referent/{old.id}/vervangen",
        data=replacement(old),
        follow_redirects=True,
    )
    assert "Referent 1 is vervangen door Nina Nieuw" in text(response)
    assert [r.name for r in Referee.current(case)] == ["Referent 2", "Nina Nieuw"]
    assert len(links_to("nina@example.org", "/referentie/")) == 1
    assert "werkt niet meer" in text(client.get(old_link.replace("http://localhost", "")))


def test_replacing_with_htmx_swaps_the_referees_block(client, applicant, login):
    case = factories.Case(applicant).submitted().get()
    old = Referee.current(case)[1]
    login(applicant)
    response = client.post(
        f"/aanmelding/{case.id}/referent/{old.id}/vervangen",
        data=replacement(old),
        headers={"HX-Request": "true"},
    )
    body = text(response)
    assert response.status_code == 200 and "<html" not in body
    assert body.strip().startswith(f'<section id="referees-{case.id}"')
    assert "Referent 2 is vervangen door Nina Nieuw" in body
    assert "HX-Request" in response.headers["Vary"]


def test_a_replacement_must_be_someone_new_and_keeps_what_was_typed(client, applicant, login):
    case = factories.Case(applicant).submitted().get()
    first, second = Referee.current(case)
    login(applicant)
    response = client.post(
        f"/aanmelding/{case.id}/referent/{first.id}/vervangen",
        data=replacement(first, email=second.email.upper()),
    )
    assert response.status_code == 422
    assert "Geef verschillende referenten op: dit adres is al opgegeven." in errors(response)
    assert 'value="Nina Nieuw"' in text(response)
    assert Referee.select().count() == 2 and Referee.get_by_id(first.id).status == "uitgenodigd"


def test_only_the_applicant_replaces_a_referee(client, applicant, make_user, login):
    case = factories.Case(applicant).submitted().get()
    referee = Referee.current(case)[0]
    login(make_user())
    response = client.post(
        f"/aanmelding/{case.id}/referent/{referee.id}/vervangen", data=replacement(referee)
    )
    assert response.status_code == 403
    assert Referee.get_by_id(referee.id).status == "uitgenodigd"


def test_a_referee_who_answered_cannot_be_replaced(client, applicant, login):
    from intranet.admission.referees.answers import record_reference

    case = factories.Case(applicant).submitted().get()
    answered = Referee.current(case)[0]
    record_reference(answered.id, "positief", "Goed.")
    login(applicant)
    page = client.get(f"/aanmelding/{case.id}")
    assert "Reageert Referent 1 niet?" not in text(page)
    assert "Reageert Referent 2 niet?" in text(page)
    assert "Goed." not in text(page)  # the applicant does not read the references
    response = client.post(
        f"/aanmelding/{case.id}/referent/{answered.id}/vervangen",
        data=replacement(answered),
        follow_redirects=True,
    )
    assert "al geantwoord" in text(response)
    assert Referee.get_by_id(answered.id).status == "beantwoord"


def test_the_projectleider_reads_the_references_on_the_case_page(client, applicant, leader, login):
    case = factories.Case(applicant).referenced().get()
    login(leader)
    page = client.get(f"/aanmelding/{case.id}")
    assert page.status_code == 200
    assert "Een betrouwbare partner." in text(page) and "Positief" in text(page)
    assert "Reageert" not in text(page) and "Wijzigen" not in text(page)
