"""The lock files pin every direct dependency of pyproject.toml, with hashes."""

import re
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
PIN = re.compile(r"^([A-Za-z0-9._-]+)==(\S+) \\$", re.MULTILINE)


def pins(lock):
    """{normalised name: version} of a pip-compile lock file."""
    text = (ROOT / lock).read_text()
    return {re.sub(r"[-_.]+", "-", n).lower(): v for n, v in PIN.findall(text)}


def direct(requirements):
    """(normalised name, version) of pyproject's `name==version` lines."""
    for line in requirements:
        name, version = line.split("==")
        yield re.sub(r"[-_.]+", "-", name).lower(), version


@pytest.mark.parametrize(
    ("lock", "groups"),
    [("requirements.lock", []), ("requirements-dev.lock", ["dev"])],
)
def test_the_lock_file_pins_what_pyproject_asks_for(lock, groups):
    locked = pins(lock)
    wanted = [
        *PROJECT["dependencies"],
        *(r for g in groups for r in PROJECT["optional-dependencies"][g]),
    ]
    stale = [f"{n}=={v}" for n, v in direct(wanted) if locked.get(n) != v]
    assert not stale, f"run `make lock` after changing pyproject.toml: {stale}"


def test_every_locked_package_has_a_hash():
    for lock in ("requirements.lock", "requirements-dev.lock"):
        text = (ROOT / lock).read_text()
        assert text.count("==") == len(re.findall(r"==\S+ \\\n\s+--hash=sha256:", text))


def test_production_needs_none_of_the_tools():
    assert not {"pytest", "ruff", "playwright", "htmx-flask"} & pins("requirements.lock").keys()


def test_the_locks_keep_the_extras_their_packages_ask_for():
    # An older pip resolves an extra (`fonttools[woff]`, asked for by weasyprint) outside a
    # lock compiled with --strip-extras, and --require-hashes then refuses the whole install.
    for lock in ("requirements.lock", "requirements-dev.lock"):
        text = (ROOT / lock).read_text()
        assert "--strip-extras" not in text
        assert "fonttools[woff]==" in text


def test_pip_itself_is_pinned_with_hashes_as_the_dev_lock_pins_it():
    text = (ROOT / "requirements-pip.lock").read_text()
    assert re.search(r"^pip==\S+ \\\n\s+--hash=sha256:", text, re.MULTILINE)
    assert pins("requirements-pip.lock")["pip"] == pins("requirements-dev.lock")["pip"]
