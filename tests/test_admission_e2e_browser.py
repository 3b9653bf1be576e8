"""End to end in a real browser with htmx active: an organisation applies, both referees
answer through the links in their e-mail, the projectleider nominates, the projectgroep
votes without a majority, the deadline passes (tick), the voorzitter admits, and the new
partner's contactpersoon logs in and finds their organisation."""

from datetime import timedelta

import pytest

from intranet.demo.core import PROJECTGROEP, PROJECTLEIDER, REGIEGROEP
from intranet.workflows.timers import tick
from tests.support import admission_flow as flow
from tests.support.browser import watch_for_errors

pytestmark = pytest.mark.once

NAME = "Jeugdtheater Het Podium"
APPLICANT = ("Sem de Graaf", "sem@hetpodium.example.org")
REFEREES = [("Ilse Bosman", "ilse@example.org"), ("Ruud Smeets", "ruud@example.org")]


def test_an_applicant_becomes_a_partner_after_the_vote_runs_out(live_server, browser):
    applicant = live_server.new_page(browser)
    problems = watch_for_errors(applicant)
    flow.apply_uitgebreid(applicant, NAME, APPLICANT, REFEREES)
    flow.confirm_address(live_server, applicant, APPLICANT[1])
    case = flow.application_of(live_server, NAME)
    assert case.state == "referenties"

    for _, email in REFEREES:
        flow.answer_reference(live_server, browser, email)
    applicant.goto(f"/aanmelding/{case.id}")  # after confirming, the case page again
    assert "Bij de projectleider" in applicant.locator(".badge").first.inner_text()

    leader = live_server.login(browser, PROJECTLEIDER[1])
    problems += watch_for_errors(leader)
    flow.nominate(leader, case.id)
    for (_, email), choice in zip(PROJECTGROEP, ["Voor", "Voor", "Tegen", "Twijfel"], strict=False):
        member = live_server.login(browser, email)
        flow.vote(member, case.id, choice, f"Mijn stem: {choice.lower()}.")
        member.context.close()
    case = flow.application_of(live_server, NAME)
    assert case.state == "stemming", "four of fourteen votes make no majority"

    with live_server.context():
        tick(case.vote_deadline + timedelta(minutes=1))  # the deadline has passed
    assert flow.application_of(live_server, NAME).state == "regiegroep"
    assert live_server.mail_links(REGIEGROEP[0][1], NAME), "the voorzitter is told by e-mail"

    chair = live_server.login(browser, REGIEGROEP[0][1])
    problems += watch_for_errors(chair)
    chair.goto("/regiegroep/")
    chair.get_by_role("link", name=NAME).click()
    assert "stemtermijn verstreek zonder meerderheid" in chair.locator("main").inner_text()
    flow.take_step(chair, "Toelaten", "Motivering van het besluit", "Een waardevolle aanvulling.")
    assert chair.locator(".case .badge").first.inner_text() == "Toegelaten"

    partner = live_server.login(browser, APPLICANT[1], password=flow.PASSWORD)
    partner.goto("/partners/mijn")
    assert partner.get_by_role("heading", level=1).inner_text() == NAME
    assert "Uitgebreid lidmaatschap" in partner.locator("main").inner_text()
    assert partner.get_by_role("link", name="Convenant en LEF").is_visible()
    assert problems == []
