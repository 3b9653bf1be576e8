"""Without JavaScript, in a real browser on the demo: the whole admission (apply, references,
nominate, vote, escalate, decide), changing an answer from the form's summary and signing a
renewal work by plain form posts."""

import pytest

from intranet.admission.models import ROUTES
from intranet.demo.core import PROJECTGROEP, PROJECTLEIDER, REGIEGROEP
from intranet.models import Contact, Organisation, User
from intranet.rounds.models import RenewalInvitation
from tests.support import admission_flow as flow

pytestmark = pytest.mark.once

NO_JS = {"java_script_enabled": False}
APPLICANT = ("Noor Vermeer", "noor@theaterdebrug.example.org")
REFEREES = [  # three: "minimaal twee referenties", the third added by a plain form post
    ("Marieke Stam", "marieke@example.org"),
    ("Joost Ploeg", "joost@example.org"),
    ("Tess de Wit", "tess@example.org"),
]


def test_the_whole_admission_works_without_javascript(live_server, browser):
    applicant = live_server.new_page(browser, **NO_JS)
    flow.apply_uitgebreid(applicant, "Theater De Brug", APPLICANT, REFEREES)
    flow.confirm_address(live_server, applicant, APPLICANT[1])
    case = flow.application_of(live_server, "Theater De Brug")
    assert case.state == "referenties"

    for _, email in REFEREES:  # three links; the case waits for every referee
        assert flow.application_of(live_server, "Theater De Brug").state == "referenties"
        flow.answer_reference(live_server, browser, email, **NO_JS)
    assert flow.application_of(live_server, "Theater De Brug").state == "bij_projectleider"

    leader = live_server.login(browser, PROJECTLEIDER[1], **NO_JS)
    flow.nominate(leader, case.id)
    for (_, email), choice in zip(PROJECTGROEP[:3], ["Voor", "Twijfel", "Tegen"], strict=False):
        member = live_server.login(browser, email, **NO_JS)
        flow.vote(member, case.id, choice, f"Mijn stem: {choice.lower()}.")
    assert flow.application_of(live_server, "Theater De Brug").state == "stemming"

    leader.goto(f"/aanmeldingen/{case.id}")
    button = "Voorleggen aan de regiegroep (twijfel)"
    flow.take_step(leader, button, "Waarom twijfelt u?", "De stemmen lopen uiteen.")
    assert flow.application_of(live_server, "Theater De Brug").state == "regiegroep"

    chair = live_server.login(browser, REGIEGROEP[0][1], **NO_JS)
    chair.goto("/regiegroep/")
    chair.get_by_role("link", name="Theater De Brug").click()
    chair.get_by_label("Uw reactie").fill("Ik stel voor toe te laten.")
    flow.press(chair, "Reactie plaatsen")
    chair.get_by_text("Ik stel voor toe te laten.").wait_for()
    flow.take_step(chair, "Toelaten", "Motivering van het besluit", "Past bij de doelen.")
    assert flow.application_of(live_server, "Theater De Brug").state == "toegelaten"
    assert "contactpersoon" in flow.roles_of(live_server, APPLICANT[1])


def test_a_contactpersoon_signs_the_renewal_without_javascript(live_server, browser):
    with live_server.context():
        invitation = (
            RenewalInvitation.select()
            .where(RenewalInvitation.state == "uitgenodigd")
            # a demo partner's (a partner admitted by another test joins the round too)
            .order_by(RenewalInvitation.id)
            .get()
        )
        organisation = invitation.organisation.name
        contact = User.get_by_id(
            Contact.get(Contact.organisation == invitation.organisation_id).user_id
        )
    phone = {"width": 390, "height": 844}
    page = live_server.login(browser, contact.email, viewport=phone, **NO_JS)
    page.goto("/convenant/mijn")
    page.get_by_role("link", name="Ondertekening convenant").first.click()
    text = page.locator(".convenant-text")  # flows with the page: no scroll box of its own
    assert text.evaluate("e => e.scrollHeight <= e.clientHeight + 1")
    assert text.evaluate("e => getComputedStyle(e).overflowY") == "visible"
    page.get_by_label("Functie", exact=True).fill("directeur")
    flow.press(page, "Convenant tekenen")  # without "Ik ben bevoegd": refused
    summary = page.locator(".error-summary")  # on top, under the heading, and focused
    summary.wait_for()
    assert summary.count() == 1 and summary.bounding_box()["y"] < phone["height"] / 2
    assert page.evaluate("document.activeElement.id") == "fouten"
    assert "bevoegd" in summary.inner_text()
    page.get_by_label("Functie", exact=True).fill("directeur")
    page.get_by_label("Ik ben bevoegd").check()
    flow.press(page, "Convenant tekenen")
    flow.notice(page, f"Getekend: {organisation} gaat door")
    with live_server.context():
        assert RenewalInvitation.get_by_id(invitation.id).state == "getekend"


def test_applying_without_javascript_changes_the_route_from_the_summary(live_server, browser):
    page = live_server.new_page(browser, **NO_JS)
    page.goto("/aanmelden")
    page.get_by_label(ROUTES["school"]).check()
    flow.press(page, "Volgende")
    page.get_by_label("Naam van de organisatie").fill("Atelier Zonder Script")
    page.get_by_label("Sector").select_option("PO")
    page.get_by_label("Gemeente (vestigingsplaats)").fill("Oegstgeest")
    page.get_by_label("Aantal leerlingen").fill("180")
    flow.press(page, "Volgende")
    flow.fill_contact(page, ("Sam Zonder", "sam@zonderscript.example.org"))
    flow.press(page, "Volgende")
    page.get_by_role("heading", name="Stap 4 van 4: Controleer en dien in").wait_for()
    assert "180" in page.locator("main").inner_text()
    flow.press(page, "Wijzigen: route")
    page.get_by_label(ROUTES["basis"]).check()
    flow.press(page, "Volgende")
    page.get_by_role("heading", name="Stap 2 van 4: Organisatie").wait_for()
    assert page.get_by_label("Aantal leerlingen").count() == 0  # basis asks no count
    page.get_by_label("Sector").select_option("cultuur")
    flow.press(page, "Volgende")  # the other steps were done: back to the summary
    page.get_by_role("heading", name="Stap 4 van 4: Controleer en dien in").wait_for()
    review = page.locator("main").inner_text()
    assert "Aantal leerlingen" not in review and "180" not in review
    assert ROUTES["basis"] in review and "Sam Zonder" in review
    flow.submit(page)
    case = flow.application_of(live_server, "Atelier Zonder Script")
    assert (case.state, case.route) == ("bij_projectleider", "basis")
    with live_server.context():
        assert Organisation.get_by_id(case.organisation_id).pupil_count is None
