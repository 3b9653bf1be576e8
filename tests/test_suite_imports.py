"""The suite imports without Playwright: only the browser tests need it."""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
HIDE_PLAYWRIGHT = """
import sys
class Hide:
    def find_spec(self, name, path=None, target=None):
        if name == "playwright" or name.startswith("playwright."):
            raise ImportError("no playwright here")
sys.meta_path.insert(0, Hide())
import pytest
sys.exit(pytest.main(["--collect-only", "-q", "-p", "no:cacheprovider", "tests"]))
"""


@pytest.mark.once  # collecting is the same whatever the database
def test_the_whole_suite_collects_when_playwright_is_missing():
    result = subprocess.run(
        [sys.executable, "-c", HIDE_PLAYWRIGHT], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    assert "error" not in result.stdout.lower().split("\n")[-2]
