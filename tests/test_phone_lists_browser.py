"""On a 390 px phone every list shows each row's key cell and values without sideways
scrolling: tables stack into "label: value" rows (intranet.css, `table.stack`)."""

import pytest

from tests.support import pages

pytestmark = pytest.mark.once

PHONE = {"width": 390, "height": 844}

# For every table on the page: is it a stacking list, is each row's key cell (its row
# header, else its first cell) on screen, and which cells stick out to the right.
CHECK = """() => {
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


@pytest.mark.parametrize("role", [role for role, email in pages.ROLES.items() if email])
def test_every_list_shows_its_key_column_on_a_390_px_phone_for(role, live_server, browser):
    page = live_server.login(browser, pages.ROLES[role], viewport=PHONE)
    walked, _ = pages.walk(live_server.app, page.request, live_server.url)
    failures, tables = [], 0
    for endpoint, path in sorted(walked.items()):
        page.goto(path)
        found = page.evaluate(CHECK)
        tables += found["tables"]
        if found["scroll"] > PHONE["width"]:
            failures.append(f"{path} ({endpoint}): scrolls sideways, {found['scroll']} px")
        failures += [f"{path} ({endpoint}): {problem}" for problem in found["problems"][:5]]
    page.context.close()
    assert failures == [], "\n".join(failures)
    if role in ("projectleider", "projectgroep", "voorzitter", "contactpersoon"):
        assert tables > 0, "this role's walk reaches at least one list"
