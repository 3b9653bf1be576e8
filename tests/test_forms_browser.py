"""Forms for screen-reader and keyboard users, in a real browser on the demo: a failed submit
moves focus to the error summary, whose links reach the fields, which say what is wrong;
htmx swaps announce their own message; voting works with the keyboard alone."""

import pytest

from intranet.admission.models import Application, Vote
from intranet.demo.core import PROJECTGROEP, PROJECTLEIDER, REGIEGROEP, contact_email
from intranet.models import User
from intranet.rounds.models import RenewalInvitation, Round
from tests.support import pages
from tests.support.admission_flow import organisation_named
from tests.support.browser import describe, run_axe, watch_for_errors

pytestmark = pytest.mark.once

NATURALIS = "Naturalis Biodiversity Center"


def application_id(live_server, name):
    """The id of the demo application of an organisation."""
    with live_server.context():
        return Application.get(Application.organisation == organisation_named(name)).id


def member_without_vote(live_server, case_id, skip=()):
    """The e-mail of a projectgroep member who has not voted on the case."""
    with live_server.context():
        voted = {vote.member.email for vote in Vote.select().where(Vote.application == case_id)}
    return next(email for _, email in PROJECTGROEP if email not in voted and email not in skip)


def renewal_path(live_server, name):
    """The signing page of an organisation's open renewal invitation."""
    with live_server.context():
        invitation = RenewalInvitation.get(
            RenewalInvitation.organisation == organisation_named(name),
            RenewalInvitation.state == "uitgenodigd",
        )
    return f"/convenant/ondertekenen/{invitation.id}"


def _login_page(live_server, browser, email):
    """A page logged in as the e-mail's owner, or anonymous for None."""
    return live_server.login(browser, email) if email else live_server.new_page(browser)


def assert_errors_are_linked_and_focused(page):
    """After a failed submit: the summary has focus, each of its links names a field that is
    marked invalid and described by its visible message, and a link puts the cursor there."""
    summary = page.locator(".error-summary")
    summary.wait_for()
    page.locator(".error-summary:focus").wait_for()
    targets = [href[1:] for href in summary.locator("a").evaluate_all("as => as.map(a => a.hash)")]
    assert targets, "the summary links to the fields"
    for target in targets:
        field = page.locator(f"[id='{target}']")
        assert field.get_attribute("aria-invalid") == "true"
        described = (field.get_attribute("aria-describedby") or "").split()
        errors = [name for name in described if name.endswith("-error")]
        assert errors, f"{target} is described by its error message"
        message = page.locator(f"[id='{errors[0]}']")
        assert message.is_visible() and message.inner_text().strip()
    summary.locator("a").first.click()
    assert page.evaluate("document.activeElement.id") == targets[0]
    violations = run_axe(page)
    assert violations == [], describe(violations)


FORMS = {
    # name: (role's e-mail or None, how to find the page, what to do, the button to press)
    "login": (None, lambda live: "/inloggen", None, "Inloggen"),
    "forgotten password": (None, lambda live: "/wachtwoord-vergeten", None, "Stuur mij een link"),
    "application, step 1": (None, lambda live: "/aanmelden", None, "Volgende"),
    "reference": (
        None,
        lambda live: live.mail_links(pages.REFEREE, "Referentie")[0],
        None,
        "Referentie versturen",
    ),
    "vote (htmx)": (
        "member",
        lambda live: f"/stemmen/{application_id(live, 'Muziekschool Leiden')}",
        None,
        "Stem uitbrengen",
    ),
    "signing the convenant (htmx)": (
        contact_email(NATURALIS),
        lambda live: renewal_path(live, NATURALIS),
        lambda page: page.fill("#signer_function", ""),
        "Convenant tekenen",
    ),
    "inviting a colleague (htmx)": (
        contact_email(NATURALIS),
        lambda live: "/partners/mijn",
        lambda page: page.get_by_text("Een collega uitnodigen").click(),
        "Uitnodigen",
    ),
    "projectgroep discussion (htmx)": (
        PROJECTGROEP[0][1],
        lambda live: f"/stemmen/{application_id(live, 'Muziekschool Leiden')}",
        None,
        "Reactie plaatsen",
    ),
    "regiegroep comment (htmx)": (
        REGIEGROEP[0][1],
        lambda live: f"/regiegroep/{application_id(live, 'Science Hub Leiden')}",
        None,
        "Reactie plaatsen",
    ),
    "new convenant period": (
        PROJECTLEIDER[1],
        lambda live: "/convenant/periode/nieuw",
        None,
        "Opslaan",
    ),
}


@pytest.mark.parametrize("form", list(FORMS))
def test_a_failed_submit_focuses_the_summary_that_links_to_each_described_field(
    form, live_server, browser
):
    email, path_of, prepare, button = FORMS[form]
    path = path_of(live_server)
    if email == "member":
        email = member_without_vote(live_server, int(path.rsplit("/", 1)[1]))
    page = _login_page(live_server, browser, email)
    problems = watch_for_errors(page)
    page.goto(path)
    if prepare:
        prepare(page)
    page.locator("main").get_by_role("button", name=button, exact=True).click()
    assert_errors_are_linked_and_focused(page)
    assert problems == []


def test_a_member_votes_with_the_keyboard_alone_and_hears_the_result(live_server, browser):
    case_id = application_id(live_server, "Muziekschool Leiden")
    member = member_without_vote(live_server, case_id, skip=[PROJECTGROEP[-1][1]])
    page = live_server.login(browser, member)
    problems = watch_for_errors(page)
    page.goto(f"/stemmen/{case_id}")
    order = []
    for _ in range(40):  # from the top of the page, through the menu, to the vote
        page.keyboard.press("Tab")
        order.append(page.evaluate("document.activeElement.id || document.activeElement.tagName"))
        if order[-1].startswith("choice-"):
            break
    assert order[0] == "A", "the first stop is the link that skips to the content"
    assert order[-1] == "choice-0", f"the vote comes early in the tab order: {order}"
    page.keyboard.press("ArrowDown")  # radios: arrows choose within the group
    assert page.evaluate("document.activeElement.value") == "tegen"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "motivation"
    page.keyboard.type("Het bereik is te klein.")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Stem uitbrengen"
    page.keyboard.press("Enter")
    page.locator("#live", has_text="Uw stem is vastgelegd.").wait_for()
    in_panel = "document.activeElement.closest('.vote-panel') !== null"
    assert page.evaluate(in_panel), "focus stays on the vote panel"
    page.keyboard.press("Tab")
    assert page.evaluate(in_panel), "the next Tab continues inside the panel"
    with live_server.context():
        vote = Vote.get(Vote.application == case_id, Vote.member == _user(member))
    assert (vote.choice, vote.motivation) == ("tegen", "Het bereik is te klein.")
    assert problems == []


@pytest.mark.parametrize("javascript", [True, False], ids=["met-js", "zonder-js"])
def test_members_and_the_projectleider_discuss_on_the_vote_page(live_server, browser, javascript):
    case_id = application_id(live_server, "Muziekschool Leiden")
    words = f"Wie kent hun docenten? ({'met' if javascript else 'zonder'} JavaScript)"
    member = live_server.login(browser, PROJECTGROEP[0][1], java_script_enabled=javascript)
    problems = watch_for_errors(member)
    member.goto(f"/stemmen/{case_id}")
    discussion = member.locator("#reacties")
    before = discussion.locator("li").count()
    assert before >= 2, "the demo's discussion: a question and the projectleider's answer"
    if javascript:
        member.evaluate("window.samePage = true")
    member.get_by_label("Uw reactie").fill(words)
    member.get_by_role("button", name="Reactie plaatsen").click()
    discussion.get_by_text(words).wait_for()
    assert discussion.locator("li").count() == before + 1
    if javascript:  # appended in place: the same page, the field empty, the message read out
        assert member.evaluate("window.samePage === true")
        member.locator("#live", has_text="Uw reactie is geplaatst.").wait_for(state="attached")
        assert member.get_by_label("Uw reactie").input_value() == ""
        assert member.evaluate("document.activeElement.closest('#reacties') !== null")
    else:  # post/redirect/get back to the discussion, the message on top
        assert member.url.endswith(f"/stemmen/{case_id}#reacties")
        assert "Uw reactie is geplaatst." in member.locator(".flashes").inner_text()
    leader = live_server.login(browser, PROJECTLEIDER[1], java_script_enabled=javascript)
    leader.goto(f"/stemmen/{case_id}")
    assert words in leader.locator("#reacties").inner_text()
    assert problems == []


def test_a_hint_keeps_its_colour_beside_an_error(live_server, browser):
    page = live_server.new_page(browser)
    page.goto(live_server.mail_links(pages.REFEREE, "Referentie")[0])
    colour = "id => getComputedStyle(document.getElementById(id)).color"
    hint = page.evaluate(colour, "text-hint")
    page.locator("main").get_by_role("button", name="Referentie versturen").click()
    page.locator("#text-error").wait_for()
    assert page.evaluate(colour, "text-hint") == hint, "the hint did not turn red"
    assert page.evaluate(colour, "text-error") != hint, "only the message is red"


def _user(email):
    """The account with that e-mail address."""
    return User.by_email(email)


def test_the_chair_reaches_and_takes_the_decision_with_the_keyboard(live_server, browser):
    case_id = application_id(live_server, "Science Hub Leiden")
    page = live_server.login(browser, REGIEGROEP[0][1])
    problems = watch_for_errors(page)
    page.goto(f"/regiegroep/{case_id}")
    group = page.get_by_role("group", name="Wat u nu kunt doen")
    labels = group.locator("button").all_inner_texts()
    assert len(labels) >= 2, "admit and reject are both offered"
    first_field = group.locator("textarea").first.get_attribute("id")
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == first_field:
            break
    assert page.evaluate("document.activeElement.id") == first_field
    page.keyboard.type("Een mooi aanbod; het bereik groeit met de scholen mee.")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == labels[0]
    page.keyboard.press("Enter")
    page.locator("section.confirm").wait_for()  # toelaten asks first: whom it mails, what
    page.locator("#live", has_text="Na deze stap is de status").wait_for(state="attached")
    assert page.evaluate("document.activeElement.closest('.confirm') !== null")
    assert problems == []


def test_an_htmx_answer_announces_its_own_message_and_never_an_older_one(live_server, browser):
    page = live_server.login(browser, contact_email(NATURALIS))
    page.goto("/partners/mijn")
    page.get_by_text("Een collega uitnodigen").click()
    page.get_by_label("Naam").fill("Ria Collega")
    page.get_by_label("E-mailadres").fill("ria.collega@example.org")
    page.get_by_role("button", name="Uitnodigen", exact=True).click()
    page.locator("#live", has_text="Ria Collega is toegevoegd").wait_for()
    page.get_by_text("Een collega uitnodigen").click()
    page.get_by_role("button", name="Uitnodigen", exact=True).click()  # empty: refused
    page.locator(".error-summary").wait_for()
    page.wait_for_timeout(200)  # longer than the live region's delay
    assert page.locator("#live").inner_text() == "", "the earlier success is not read again"


def test_a_refresh_that_polls_by_itself_leaves_the_focus_alone(live_server, browser):
    page = live_server.login(browser, PROJECTLEIDER[1])
    with live_server.context():
        signing = Round.get(Round.kind == "renewal")
    page.goto(f"/convenant/ronde/{signing.id}")
    page.get_by_label("Zoek een partner").focus()
    page.evaluate("document.activeElement.blur()")
    page.evaluate(  # what the section's own `every 30s` trigger does
        "htmx.ajax('GET', location.pathname, {target: '#progress', swap: 'outerHTML'})"
    )
    page.wait_for_timeout(500)
    assert page.evaluate("document.activeElement === document.body")
    assert page.locator("#progress").is_visible()


def test_a_step_refused_for_its_empty_comment_marks_that_field_and_focuses_it(live_server, browser):
    case_id = application_id(live_server, "De Zeester Oegstgeest")
    page = live_server.login(browser, PROJECTLEIDER[1])
    problems = watch_for_errors(page)
    page.goto(f"/aanmeldingen/{case_id}")
    form = page.locator("main form", has=page.get_by_role("button", name="Aanvulling vragen"))
    form.get_by_label("Uw vraag aan de aanvrager").fill("   ")  # passes the browser's check
    form.get_by_role("button", name="Aanvulling vragen").click()
    field = page.get_by_label("Uw vraag aan de aanvrager")
    page.locator("textarea[aria-invalid=true]:focus").wait_for()
    assert field.get_attribute("aria-invalid") == "true"
    message = page.locator(f"[id='{field.get_attribute('aria-describedby')}']")
    assert "Vul in: uw vraag aan de aanvrager." in message.inner_text()
    assert problems == []
