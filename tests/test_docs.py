"""The README and docs/: short enough to read, and every link in them resolves in the repository."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
LINK = re.compile(r'!?\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)')
CODE = re.compile(r"```.*?```", re.S)


def anchors(path):
    """The anchors of a Markdown file's headings, as GitHub makes them."""
    text = CODE.sub("", path.read_text())
    headings = re.findall(r"^#+\s+(.*)$", text, re.M)
    return {re.sub(r"[^\w\- ]", "", h.strip().lower()).replace(" ", "-") for h in headings}


def links(path):
    """The relative links and images of a Markdown file, outside code blocks."""
    targets = LINK.findall(CODE.sub("", path.read_text()))
    return [t for t in targets if not re.match(r"[a-z]+:", t)]


@pytest.mark.parametrize("doc", DOCS, ids=[d.name for d in DOCS])
def test_every_relative_link_resolves_inside_the_repository(doc):
    broken = []
    for target in links(doc):
        path, _, anchor = target.partition("#")
        resolved = (doc.parent / path).resolve() if path else doc
        if not resolved.is_relative_to(ROOT) or not resolved.exists():
            broken.append(f"{target}: no such file")
        elif anchor and anchor not in anchors(resolved):
            broken.append(f"{target}: no such heading")
    assert not broken, broken


def test_the_readme_stays_short_and_cites_nothing_outside_the_repository():
    text = (ROOT / "README.md").read_text()
    assert len(text.splitlines()) < 250
    for doc in DOCS:
        assert "DOMAIN.md" not in doc.read_text() and "../shared" not in doc.read_text(), doc
