"""Confirmation before an irreversible step, in a real browser on the demo: with JavaScript
the confirmation takes the form's place; without it, it is a page of its own. Both show
whom it mails and the message; only the confirming button acts."""

import pytest

from intranet.demo.core import PROJECTLEIDER
from intranet.models import OutboxMessage
from tests.browser import describe, run_axe, watch_for_errors

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
