"""Every page, for every role, passes axe-core (WCAG 2.1 A and AA) and fits a 360 px phone.

The pages come from the app's URL map (tests/support/pages.py), so a new page is checked without a
new test.
"""

import pytest

from tests.support import pages
from tests.support.browser import (
    SCHEME_AND_WIDTH_RULES,
    describe,
    open_all_details,
    run_axe,
    unlabelled_fields,
    watch_for_errors,
)

pytestmark = pytest.mark.once

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}
PHONE_RULES = SCHEME_AND_WIDTH_RULES  # the rest does not change with the scheme or width


@pytest.fixture(scope="module")
def role_pages(live_server, browser):
    """{role: (page, pages, other)}: a logged-in browser page per role, the pages it opens
    ({endpoint: path}) and the other answers it gets (CSV, SVG)."""
    found = {}
    for role, email in pages.ROLES.items():
        page = live_server.login(browser, email) if email else live_server.new_page(browser)
        start, crawl = (), True
        if role == "referent":
            start, crawl = live_server.mail_links(pages.REFEREE, "Referentie")[:1], False
            assert start, "the demo mails the second referee of Stichting Denkwerk a link"
        walked, other = pages.walk(live_server.app, page.request, live_server.url, start, crawl)
        found[role] = (page, walked, other)
    yield found
    for page, _, _ in found.values():
        page.context.close()


def test_the_walk_reaches_every_page_of_the_url_map(live_server, role_pages):
    reached = set()
    for _, walked, other in role_pages.values():
        reached |= walked.keys() | other.keys()
    missing = pages.checked_rules(live_server.app) - reached
    assert missing == set(), "no role reaches these pages; give tests/support/pages.py a way in"
    assert list(role_pages["referent"][1]) == ["referee.answer"]


@pytest.mark.parametrize("role", list(pages.ROLES))
def test_every_page_passes_axe_light_and_dark_and_labels_every_field_for(role, role_pages):
    page, walked, _ = role_pages[role]
    problems = watch_for_errors(page)
    failures = []
    for endpoint, path in sorted(walked.items()):
        page.set_viewport_size(DESKTOP)
        page.emulate_media(color_scheme="light")
        page.goto(path)
        open_all_details(page)
        unlabelled = unlabelled_fields(page)
        if unlabelled:
            failures.append(f"{path} ({endpoint}): fields without a visible label: {unlabelled}")
        for scheme, viewport, rules in (("light", DESKTOP, None), ("dark", PHONE, PHONE_RULES)):
            page.set_viewport_size(viewport)
            page.emulate_media(color_scheme=scheme, reduced_motion="reduce")  # no transitions
            violations = run_axe(page, rules)
            if violations:
                failures.append(f"{path} ({endpoint}, {scheme}):\n{describe(violations)}")
    assert failures == [], "\n".join(failures)
    assert problems == []


@pytest.mark.parametrize("role", list(pages.ROLES))
def test_every_page_fits_a_360_px_phone_for(role, role_pages):
    page, walked, _ = role_pages[role]
    page.set_viewport_size(PHONE)
    too_wide = []
    for endpoint, path in sorted(walked.items()):
        page.goto(path)
        open_all_details(page)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            too_wide.append(f"{path} ({endpoint}): {width} px")
    assert too_wide == [], "\n".join(too_wide)
