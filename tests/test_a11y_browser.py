"""Every page, for every role, passes axe-core (WCAG 2.1 A and AA) and fits a 360 px phone,
its lists stacked into "label: value" rows.

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

# For every table on the page: is it a stacking list, is each row's key cell (its row
# header, else its first cell) on screen, and which cells stick out to the right.
LISTS = """() => {
  const width = document.documentElement.clientWidth;
  const out = {scroll: document.documentElement.scrollWidth, tables: 0, problems: []};
  document.querySelectorAll('main table').forEach((table, n) => {
    out.tables += 1;
    if (!table.classList.contains('stack')) {
      out.problems.push(`table ${n} does not stack`);
      return;
    }
    table.querySelectorAll('tbody tr').forEach(row => {
      const key = row.querySelector('th[scope=row]') || row.cells[0];
      const box = key.getBoundingClientRect();
      if (box.width < 1 || box.left < 0 || box.right > width + 1) {
        out.problems.push(`key cell "${key.textContent.trim().slice(0, 40)}" is off screen`);
      }
      Array.from(row.cells)
        .filter(cell => cell.getBoundingClientRect().right > width + 1)
        .forEach(cell => out.problems.push(`cell "${cell.textContent.trim().slice(0, 40)}" out`));
      if (row.cells.length > 1 && !row.querySelector('[data-label]')) {
        out.problems.push(`row "${key.textContent.trim().slice(0, 40)}" has no labelled cells`);
      }
    });
  });
  return out;
}"""


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
def test_every_page_passes_axe_labels_its_fields_and_fits_a_phone_for(role, role_pages):
    """Each page once per role: at 1280 px in light, axe and visible labels; at 360 px in
    dark, axe's scheme and width rules, no sideways scrolling, and every list stacked with
    each row's key cell on screen (intranet.css, `table.stack`)."""
    page, walked, _ = role_pages[role]
    problems = watch_for_errors(page)
    failures, tables = [], 0
    for endpoint, path in sorted(walked.items()):
        where = f"{path} ({endpoint})"
        page.set_viewport_size(DESKTOP)
        page.emulate_media(color_scheme="light", reduced_motion="reduce")  # no transitions
        page.goto(path)
        open_all_details(page)
        unlabelled = unlabelled_fields(page)
        if unlabelled:
            failures.append(f"{where}: fields without a visible label: {unlabelled}")
        if violations := run_axe(page):
            failures.append(f"{where}, light:\n{describe(violations)}")
        page.set_viewport_size(PHONE)
        page.emulate_media(color_scheme="dark", reduced_motion="reduce")
        if violations := run_axe(page, PHONE_RULES):
            failures.append(f"{where}, dark:\n{describe(violations)}")
        found = page.evaluate(LISTS)
        tables += found["tables"]
        if found["scroll"] > PHONE["width"]:
            failures.append(
                f"{where}: scrolls sideways at {PHONE['width']} px: {found['scroll']} px"
            )
        failures += [f"{where}: {problem}" for problem in found["problems"][:5]]
    assert failures == [], "\n".join(failures)
    assert problems == []
    if role in ("projectleider", "projectgroep", "voorzitter", "contactpersoon"):
        assert tables > 0, "this role's walk reaches at least one list"
