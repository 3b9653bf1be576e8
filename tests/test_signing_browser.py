"""Signing as organisations sign, in a real browser on the demo: the contactpersoon names
who signs, that person signs through the forwarded link without an account; the projectleider
records a paper signature with JavaScript switched off; the pages pass axe-core."""

import pytest

from intranet.demo.core import PROJECTLEIDER, contact_email
from intranet.demo.rounds import NEXT
from intranet.rounds.models import RenewalInvitation
from tests.support.browser import describe, open_all_details, run_axe, watch_for_errors

pytestmark = pytest.mark.once


def _invitation(live_server, name):
    from intranet.models import Organisation

    with live_server.context():
        return RenewalInvitation.get(
            RenewalInvitation.organisation == Organisation.get(Organisation.name == name)
        )


def test_a_named_signer_signs_through_the_forwarded_link_without_an_account(live_server, browser):
    case = _invitation(live_server, "Technolab")
    contact = live_server.login(browser, contact_email("Technolab"))
    problems = watch_for_errors(contact)
    contact.goto(f"/convenant/ondertekenen/{case.id}")
    contact.click("text=Tekent iemand anders, bijvoorbeeld uw bestuurder?")
    contact.fill("#delegate_name", "Bea Bestuur")
    contact.fill("#delegate_function", "directeur-bestuurder")
    contact.fill("#delegate_email", "bea@technolab.example.org")
    contact.click("text=Link sturen")
    contact.wait_for_selector("text=Bea Bestuur krijgt een e-mail met een persoonlijke link")
    assert "Gevraagd te tekenen: Bea Bestuur" in contact.locator("#signer-named").inner_text()

    [link] = live_server.mail_links("bea@technolab.example.org", "Verzoek: teken")[:1]
    signer = live_server.new_page(browser)  # forwarded: no account, no session
    signer.goto(link)
    assert f"Convenant {NEXT}" in signer.locator("h1").inner_text()
    assert signer.input_value("#signer_name") == "Bea Bestuur"
    violations = run_axe(signer)
    assert not violations, describe(violations)
    signer.click("text=Convenant tekenen")
    signer.wait_for_selector("text=Bevestig dat u bevoegd bent om te tekenen.")
    signer.check("#authorised")
    signer.click("text=Convenant tekenen")
    signer.wait_for_selector("text=getekend namens Technolab")

    contact.reload()
    answer = contact.locator("section.answer").inner_text()
    assert "Getekend namens Technolab door Bea Bestuur" in answer
    assert "via een persoonlijke link" in answer and "Link sturen" not in contact.content()
    signer.goto(link)
    assert "Deze link om te tekenen werkt niet" in signer.content()
    assert not problems, problems


def test_the_projectleider_records_a_paper_signature_without_javascript(live_server, browser):
    case = _invitation(live_server, "Stichting Jonge Uil")
    leader = live_server.login(browser, PROJECTLEIDER[1], java_script_enabled=False)
    leader.goto(f"/convenant/ondertekenen/{case.id}")
    leader.click("text=Getekend exemplaar op papier ontvangen")
    leader.fill("#papier-signer_name", "Paul Papier")
    leader.fill("#papier-signer_function", "voorzitter")
    leader.click("text=Handtekening vastleggen")
    leader.wait_for_selector("text=Vastgelegd: Stichting Jonge Uil heeft op papier getekend")
    assert "op papier (vastgelegd door de projectleider)" in leader.content()


def test_the_signing_page_with_every_form_open_passes_axe(live_server, browser):
    case = _invitation(live_server, "Winford / Vrijbergen")
    contact = live_server.login(browser, contact_email("Winford / Vrijbergen"))
    contact.goto(f"/convenant/ondertekenen/{case.id}")
    open_all_details(contact)
    violations = run_axe(contact)
    assert not violations, describe(violations)
