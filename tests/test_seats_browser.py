"""In the browser: the projectleider proposes a new voorzitter and gives a seat by choosing
a person; the outgoing voorzitter confirms. Both pages pass axe, at phone and desktop width."""

import os

import pytest

from intranet.demo.core import PROJECTLEIDER, REGIEGROEP
from intranet.models import Membership, User
from tests.support.browser import run_axe, watch_for_errors

pytestmark = pytest.mark.once

SHOTS = os.environ.get("SEAT_SHOTS")  # a folder to keep the screenshots in, to look at


def _shoot(page, name, tmp_path):
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        path = os.path.join(SHOTS or str(tmp_path), f"{name}-{width}.png")
        page.screenshot(path=path, full_page=True)
        assert os.path.getsize(path) > 0


def test_a_new_voorzitter_is_proposed_and_confirmed_in_the_browser(live_server, browser, tmp_path):
    chair_email = REGIEGROEP[0][1]
    name, email, _ = REGIEGROEP[1]
    page = live_server.login(browser, PROJECTLEIDER[1])
    problems = watch_for_errors(page)
    page.goto("/leden/")
    page.get_by_role("button", name=f"Voorstellen als voorzitter ({name})").click()
    page.wait_for_selector("text=is voorgesteld als voorzitter")
    assert page.locator("#voorstel-voorzitter").is_visible()
    assert page.get_by_role("button", name="Bevestigen").count() == 0  # not the proposer's
    # a seat: the person chosen from the list, no group chosen beforehand
    assert page.locator("#group").input_value() == ""
    with live_server.context():
        newcomer = User.select().where(~User.id.in_(Membership.select(Membership.user))).first()
    page.select_option("#person", str(newcomer.id))
    page.click("text=Zetel toevoegen >> nth=-1")
    page.wait_for_selector("#group-error")
    assert "Kies de groep." in page.locator("#group-error").inner_text()
    assert page.locator("#person").input_value() == str(newcomer.id)  # kept
    assert not run_axe(page)
    _shoot(page, "leden-projectleider", tmp_path)

    voorzitter = live_server.login(browser, chair_email)
    voorzitter.goto("/leden/")
    assert not run_axe(voorzitter)
    _shoot(voorzitter, "leden-voorzitter-voorstel", tmp_path)
    voorzitter.get_by_role("button", name="Bevestigen").click()
    voorzitter.wait_for_selector(f"text={name} is nu voorzitter van de regiegroep.")
    with live_server.context():
        chairs = [seat.user.email for seat in Membership.select().where(Membership.voorzitter)]
    assert chairs == [email]
    assert any("/leden" in link for link in live_server.mail_links(chair_email, "Voorstel"))
    assert not problems
