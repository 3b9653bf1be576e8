"""Confirmation before an irreversible step, in a real browser on the demo: with JavaScript
the confirmation takes the form's place; without it, it is a page of its own. Both show
whom it mails and the message; only the confirming button acts."""

import pytest

from intranet.demo.core import PROJECTLEIDER
from intranet.models import OutboxMessage
from tests.support import admission_flow as flow
from tests.support.browser import describe, run_axe, watch_for_errors

pytestmark = pytest.mark.once


def _outbox(live_server, subject):
    with live_server.context():
        return OutboxMessage.select().where(OutboxMessage.subject == subject).count()


@pytest.mark.parametrize("javascript", [True, False], ids=["met-js", "zonder-js"])
def test_a_mailing_to_every_vriend_asks_first_and_shows_whom_and_what(
    live_server, browser, javascript
):
    subject = f"Ontmoeting Talentontwikkeling ({'js' if javascript else 'geen js'})"
    leader = live_server.login(browser, PROJECTLEIDER[1], java_script_enabled=javascript)
    problems = watch_for_errors(leader)
    leader.goto("/convenant/vrienden")
    leader.fill("#subject", subject)
    leader.fill("#body", "Welkom op 29 september in LLokaal.")
    leader.click("text=Controleren en versturen")
    leader.wait_for_selector("text=Bericht aan alle vrienden versturen?")
    # With JavaScript the confirmation replaced the form in the page; without, a new page.
    assert ("/convenant/vrienden/mailing" in leader.url) is not javascript
    confirmation = leader.locator("section.confirm").inner_text()
    assert "Welkom op 29 september in LLokaal." in confirmation
    assert "Wie krijgt een e-mail" in confirmation and "@example.org" in confirmation
    assert _outbox(live_server, subject) == 0
    if javascript:  # axe runs as a script in the page
        violations = run_axe(leader)
        assert not violations, describe(violations)

    leader.click("text=Wijzigen")
    assert leader.input_value("#subject") == subject
    leader.click("text=Controleren en versturen")
    leader.click("text=Ja, versturen")
    leader.wait_for_selector(f"text=Het bericht ‘{subject}’ is onderweg naar")
    assert _outbox(live_server, subject) > 0
    assert not problems, problems


def _application(live_server, name):
    from intranet.admission.models import Application
    from intranet.models import Organisation

    with live_server.context():
        organisation = Organisation.get(Organisation.name == name)
        return Application.get(Application.organisation == organisation)


def _science_hub(live_server):
    return _application(live_server, "Science Hub Leiden")


def _focused_message(page):
    """The text of the flash message if it has the focus (after a redirect), else None."""
    return page.evaluate(
        "document.activeElement.matches('.flashes') ? document.activeElement.innerText : null"
    )


def test_toelaten_asks_first_with_javascript_and_without(live_server, browser):
    from intranet.demo.core import REGIEGROEP

    case = _science_hub(live_server)
    assert case.state == "regiegroep"
    chair = live_server.login(browser, REGIEGROEP[0][1])
    problems = watch_for_errors(chair)
    chair.goto(f"/regiegroep/{case.id}")
    chair.get_by_label("Motivering van het besluit").fill("Een waardevolle aanvulling.")
    chair.get_by_role("button", name="Toelaten…").click()
    confirmation = chair.locator("section.confirm")
    confirmation.wait_for()
    assert f"/regiegroep/{case.id}" in chair.url  # swapped in place, no new page
    assert "Welkom als partner, Science Hub Leiden" in confirmation.inner_text()
    assert "Een waardevolle aanvulling." in confirmation.inner_text()
    violations = run_axe(chair)
    assert not violations, describe(violations)
    chair.get_by_role("button", name="Terug, niets doen").click()
    assert chair.get_by_label("Motivering van het besluit").input_value() == (
        "Een waardevolle aanvulling."
    )
    assert "Er is niets gedaan" in (_focused_message(chair) or ""), "focus on what happened"
    assert _science_hub(live_server).state == "regiegroep"
    chair.get_by_role("button", name="Toelaten…").click()
    chair.get_by_role("button", name="Ja, toelaten").click()
    chair.locator(".notice.success", has_text="Science Hub Leiden is toegelaten").wait_for()
    assert "is toegelaten als partner" in (_focused_message(chair) or ""), "not on <body>"
    assert _science_hub(live_server).state == "toegelaten"
    assert not problems, problems


def test_toelaten_without_javascript_focuses_what_happened(live_server, browser):
    from intranet.admission.workflow import WORKFLOW as admission
    from intranet.demo.core import PROJECTLEIDER, REGIEGROEP
    from intranet.models import User
    from intranet.workflows import engine

    case = _application(live_server, "Muziekschool Leiden")
    with live_server.context():
        leader = User.by_email(PROJECTLEIDER[1])
        engine.fire(admission, case.id, "escaleren", leader, comment="Het bereik is onduidelijk.")
    plain = live_server.login(browser, REGIEGROEP[0][1], java_script_enabled=False)
    plain.goto(f"/regiegroep/{case.id}")
    plain.get_by_label("Motivering van het besluit").fill("Past bij de doelen.")
    plain.get_by_role("button", name="Toelaten…").click()
    plain.wait_for_url("**/stap/regiegroep_toelaten")  # the confirmation is a page
    assert "Wie krijgt een e-mail" in plain.locator("main").inner_text()
    plain.get_by_role("button", name="Terug, niets doen").click()
    plain.wait_for_url(f"**/regiegroep/{case.id}")
    assert "Er is niets gedaan" in (_focused_message(plain) or ""), "autofocus, not <body>"
    assert plain.get_by_label("Motivering van het besluit").input_value() == "Past bij de doelen."
    plain.get_by_role("button", name="Toelaten…").click()
    plain.get_by_role("button", name="Ja, toelaten").click()
    plain.locator(".notice.success", has_text="Muziekschool Leiden is toegelaten").wait_for()
    assert "is toegelaten als partner" in (_focused_message(plain) or "")
    assert _application(live_server, "Muziekschool Leiden").state == "toegelaten"
    assert "Motivering van het besluit" not in plain.locator("main").inner_text()


def _unfold(page):
    """Open the folded step (a <details>) if it is closed."""
    details = page.locator("details.folded-step").first
    if details.get_attribute("open") is None:
        details.locator("summary").click()


@pytest.mark.parametrize("javascript", [True, False], ids=["met-js", "zonder-js"])
def test_intrekken_asks_first_with_javascript_and_without(live_server, browser, javascript):
    name = f"Atelier Intrekken {'js' if javascript else 'geen js'}"
    email = f"intrekken.{'js' if javascript else 'nojs'}@example.org"
    applicant = live_server.new_page(browser, java_script_enabled=javascript)
    problems = watch_for_errors(applicant)
    flow.apply_basis(applicant, name, ("Ivo Intrekker", email))
    _unfold(applicant)  # withdrawing sits folded below the case
    applicant.get_by_label("Reden (optioneel)").fill("We wachten een jaar.")
    applicant.get_by_role("button", name="Aanmelding intrekken…").click()
    confirmation = applicant.locator("section.confirm")
    confirmation.wait_for()
    assert ("/stap/intrekken" in applicant.url) is not javascript  # a page without JS
    text = confirmation.inner_text()
    assert "gaat er e-mail uit" in text and "projectleider" in text
    assert f"Aanmelding ingetrokken: {name}" in text and "We wachten een jaar." in text
    if javascript:
        violations = run_axe(applicant)
        assert not violations, describe(violations)
    applicant.get_by_role("button", name="Terug, niets doen").click()
    assert applicant.get_by_label("Reden (optioneel)").input_value() == "We wachten een jaar."
    assert flow.application_of(live_server, name).state == "bij_projectleider"
    _unfold(applicant)
    applicant.get_by_role("button", name="Aanmelding intrekken…").click()
    applicant.get_by_role("button", name="Ja, aanmelding intrekken").click()
    flow.notice(applicant, f"De aanmelding van {name} is ingetrokken")
    assert flow.application_of(live_server, name).state == "ingetrokken"
    assert not problems, problems
