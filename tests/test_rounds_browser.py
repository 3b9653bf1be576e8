"""End to end in a real browser, on the demo: a contactpersoon signs the renewal, another
accepts the vriend invitation, and the projectleider's round pages show both."""

import pytest

from intranet.demo.core import PROJECTLEIDER, contact_email
from intranet.demo.rounds import CURRENT, NEXT
from intranet.rounds.models import ConvenantPeriod, Round

pytestmark = pytest.mark.once


def test_signing_and_becoming_vriend_show_on_the_round_pages(live_server, browser):
    naturalis = live_server.login(browser, contact_email("Naturalis Biodiversity Center"))
    naturalis.goto("/convenant/mijn")
    naturalis.click(f"text=Ondertekening convenant: {NEXT}")
    naturalis.fill("#signer_function", "directeur collecties")
    naturalis.check("#authorised")
    naturalis.click("text=Convenant tekenen")
    naturalis.wait_for_selector("text=Getekend: Naturalis Biodiversity Center gaat door")
    assert "directeur collecties" in naturalis.content()

    museum = live_server.login(browser, contact_email("Museum Boerhaave"))
    museum.goto("/convenant/mijn")
    museum.click(f"text=Uitnodiging vriend van LEF: {CURRENT}")
    museum.click("text=Ja, Museum Boerhaave wordt vriend van LEF")
    museum.wait_for_selector("text=Welkom! Uw organisatie is vriend van LEF.")

    leader = live_server.login(browser, PROJECTLEIDER[1])
    with live_server.context():
        signing = Round.get(Round.kind == "renewal")
        current = ConvenantPeriod.get(ConvenantPeriod.name == CURRENT)
        friends = Round.get(Round.kind == "vriend", Round.period == current)
    leader.goto(f"/convenant/ronde/{signing.id}?status=getekend")
    row = leader.locator("tr", has_text="Naturalis Biodiversity Center")
    assert "directeur collecties" in row.inner_text()
    leader.goto(f"/convenant/ronde/{friends.id}")
    leader.click("a.state-vriend")
    leader.wait_for_url("**status=vriend**")
    assert "Museum Boerhaave" in leader.locator("#progress").inner_text()
