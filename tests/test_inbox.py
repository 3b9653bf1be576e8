"""The projectleider's inbox and case page: check, ask, confirm, reject, escalate."""

from intranet.admission.models import Referee
from intranet.admission.referees.answers import record_reference
from intranet.admission.workflow import WORKFLOW as admission
from intranet.models import Organisation
from intranet.workflows import engine
from tests.support import factories
from tests.support.decide import HTMX, fresh, step, text
from tests.support.mails import mails_to


def test_inbox_lists_open_cases_by_what_they_wait_for(client, login, cast, make_user):
    waiting = factories.Case(cast.applicant, name="Techniek Lab").with_leader().get()
    asked = (
        factories.Case(make_user(), route="basis", name="Drukkerij Rijnland").with_leader().get()
    )
    engine.fire(admission, asked.id, "aanvulling_vragen", cast.leader, comment="Welke gemeente?")
    referencing = factories.Case(make_user(), name="Museum Volkenkunde").get()
    engine.fire(admission, referencing.id, "indienen", referencing.applicant)
    first = Referee.current(referencing).first()
    record_reference(first.id, "positief", "Prima.")
    voting = factories.Case(make_user(), name="Naturalis Lab").nominated(cast.leader).get()
    factories.Case(make_user(), name="Nog Concept").get()
    login(cast.leader)
    page = text(client.get("/aanmeldingen/"))
    sections = page.split("<h2")
    assert "Te beoordelen" in sections[1] and "Techniek Lab" in sections[1]
    assert "Stemming loopt" in sections[2] and "Naturalis Lab" in sections[2]
    assert "0 van 3 gestemd" in sections[2]
    assert "Aanvulling gevraagd" in sections[3] and "Drukkerij Rijnland" in sections[3]
    assert "Wacht op referenties" in sections[4] and "1 van 2 binnen" in sections[4]
    assert "Nog Concept" not in page
    assert f'href="/aanmeldingen/{waiting.id}"' in page and f"/aanmeldingen/{voting.id}" in page


def test_case_page_shows_route_municipality_profile_and_references(client, login, cast):
    case = factories.Case(cast.applicant, name="Techniek Lab").with_leader().get()
    Organisation.update(municipality="Oegstgeest", website="https://lab.example.org").where(
        Organisation.id == case.organisation_id
    ).execute()
    login(cast.leader)
    page = text(client.get(f"/aanmeldingen/{case.id}"))
    assert "Uitgebreid lidmaatschap" in page and "<strong>Oegstgeest</strong>" in page
    assert "techniekworkshops voor kinderen" in page
    assert page.count("Een betrouwbare partner.") == 2 and "Positief" in page
    assert 'href="https://lab.example.org"' in page
    for button in ("Aanvulling vragen", "Voordragen aan de projectgroep", "Afwijzen"):
        assert button in page
    assert "Voorleggen aan de regiegroep (twijfel)" in page
    assert "Toelating bevestigen" not in page


def test_a_website_that_is_no_web_address_is_not_a_link(client, login, cast):
    case = factories.Case(cast.applicant).with_leader().get()
    Organisation.update(website="javascript:alert(1)").where(
        Organisation.id == case.organisation_id
    ).execute()
    login(cast.leader)
    page = text(client.get(f"/aanmeldingen/{case.id}"))
    assert 'href="javascript:' not in page and "javascript:alert(1)" in page


def test_by_right_case_shows_the_rule_to_check_and_the_confirm_button(client, login, cast):
    case = factories.Case(cast.applicant, route="basis").with_leader().get()
    login(cast.leader)
    page = text(client.get(f"/aanmeldingen/{case.id}"))
    assert "recht op lidmaatschap" in page and "Kaag en Braassem" in page
    assert "Toelating bevestigen (recht op lidmaatschap)" in page
    assert "Voordragen aan de projectgroep" not in page


def test_confirming_a_by_right_route_admits_and_returns_to_the_case(client, login, cast):
    case = factories.Case(cast.applicant, route="basis").with_leader().get()
    login(cast.leader)
    back = f"/aanmeldingen/{case.id}"
    response = step(client, case, "bevestigen", "Gemeente Leiden, geen leerlingen.", next=back)
    assert response.status_code == 303 and response.headers["Location"].endswith(back)
    said = f"is toegelaten als partner. {cast.applicant.name} (de aanvrager) is nu contactpersoon"
    assert said in text(client.get(back))
    organisation = Organisation.get_by_id(case.organisation_id)
    assert (organisation.status, organisation.membership_type) == ("partner", "basis")
    assert mails_to(cast.applicant.email, "Welkom als partner")


def test_a_foreign_return_address_is_ignored(client, login, cast):
    case = factories.Case(cast.applicant, route="basis").with_leader().get()
    login(cast.leader)
    response = step(client, case, "bevestigen", next="https://evil.example.org/")
    assert "evil" not in response.headers["Location"]


def test_asking_for_more_information_mails_the_question(client, login, cast):
    case = factories.Case(cast.applicant).with_leader().get()
    login(cast.leader)
    response = step(client, case, "aanvulling_vragen", "Hoeveel workshops per jaar?", headers=HTMX)
    assert response.status_code == 200 and "Aanvulling gevraagd" in text(response)
    (mail,) = mails_to(cast.applicant.email, "aanvulling gevraagd")
    assert "Hoeveel workshops per jaar?" in mail.body


def test_rejecting_needs_a_reason_and_tells_the_applicant(client, login, cast):
    case = factories.Case(cast.applicant).with_leader().get()
    login(cast.leader)
    refused = step(client, case, "afwijzen", "  ", headers=HTMX)
    assert refused.status_code == 422 and "reden van afwijzing" in text(refused)
    assert fresh(case).state == "bij_projectleider"
    step(client, case, "afwijzen", "Geen binding met het Leidse onderwijs.", headers=HTMX)
    assert fresh(case).state == "afgewezen"
    (mail,) = mails_to(cast.applicant.email, "Besluit over uw aanmelding")
    assert "Geen binding met het Leidse onderwijs." in mail.body


def test_escalating_in_doubt_puts_the_case_before_the_regiegroep(client, login, cast):
    case = factories.Case(cast.applicant).with_leader().get()
    login(cast.leader)
    step(client, case, "escaleren", "Past dit bij talentontwikkeling?", headers=HTMX)
    assert fresh(case).state == "regiegroep"
    (mail,) = mails_to(cast.chair.email, "Besluit gevraagd")
    assert "Past dit bij talentontwikkeling?" in mail.body


def test_a_stale_step_is_already_handled(client, login, cast):
    case = factories.Case(cast.applicant).with_leader().get()
    engine.fire(admission, case.id, "afwijzen", cast.leader, comment="Dubbel ingediend.")
    login(cast.leader)
    response = step(client, case, "escaleren", "twijfel", expected_state="bij_projectleider")
    assert response.status_code == 303
    assert "al afgehandeld" in text(client.get(response.headers["Location"]))
    htmx = step(client, case, "escaleren", "twijfel", "bij_projectleider", headers=HTMX)
    assert htmx.status_code == 409 and "al afgehandeld" in text(htmx)
    assert fresh(case).state == "afgewezen"


def test_mail_to_the_projectleider_links_to_the_inbox_case(cast):
    case = factories.Case(cast.applicant).with_leader().get()
    (mail,) = mails_to(cast.leader.email, "actie nodig")[-1:]
    assert f"/aanmeldingen/{case.id}" in mail.body


def test_unknown_case_is_not_found(client, login, cast):
    login(cast.leader)
    assert client.get("/aanmeldingen/999999").status_code == 404
    assert client.get("/aanmeldingen/999999/voordragen").status_code == 404
    vote = {"member": cast.members[0].id, "choice": "voor"}
    assert client.post("/aanmeldingen/999999/stem-vastleggen", data=vote).status_code == 404
