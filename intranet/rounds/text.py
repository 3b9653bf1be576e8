"""The convenant text (plain text with #-headings and numbered lists) as blocks to show."""

import re

NUMBERED = re.compile(r"^\d+\.\s+")


def _clean(line):
    return line.strip().strip("#").strip().replace("**", "").strip("*").strip()


def blocks(text):
    """Headings, paragraphs and lists: [{'kind': 'h3'|'p'|'ol'|'ul', 'text'|'items'}]."""
    found = []
    for raw in (text or "").splitlines():
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#"):
            level = min(max(len(line) - len(line.lstrip("#")), 2), 4)
            found.append({"kind": f"h{level}", "text": _clean(line)})
            continue
        kind, item = ("ol", NUMBERED.sub("", line)) if NUMBERED.match(line) else (None, line)
        if line.startswith("- "):
            kind, item = "ul", line[2:]
        items = [_clean(cell) for cell in item.split("\t") if _clean(cell)]
        if "\t" in raw:  # the two-column list of parties
            kind = "ul"
        if kind and found and found[-1]["kind"] == kind:
            found[-1]["items"].extend(items)
        elif kind:
            found.append({"kind": kind, "items": items})
        else:
            found.append({"kind": "p", "text": " ".join(_clean(line).split())})
    return found
