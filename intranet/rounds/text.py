"""The convenant text is Markdown; shown as sanitised HTML, in the page, print view and PDF."""

import markdown
import nh3
from markupsafe import Markup

TAGS = {"h2", "h3", "h4", "h5", "h6", "p", "ol", "ul", "li", "strong", "em", "br", "blockquote"}


def _columns_as_list(text):
    """A block of lines with tabs (the 2018 text's two columns of parties) becomes one list
    in reading order: down the first column, then down the second."""
    lines, block = [], []

    def flush():
        width = max((len(row) for row in block), default=0)
        for column in range(width):
            lines.extend(f"- {row[column]}" for row in block if len(row) > column and row[column])
        block.clear()

    for line in (text or "").splitlines():
        if "\t" in line:
            block.append([cell.strip() for cell in line.split("\t")])
            continue
        flush()
        lines.append(line)
    flush()
    return "\n".join(lines)


def to_html(text):
    """The text as safe HTML; `#` is a second-level heading (the page has its own h1)."""
    html = markdown.markdown(
        _columns_as_list(text),
        extensions=["sane_lists", "toc"],
        extension_configs={"toc": {"baselevel": 2, "anchorlink": False, "permalink": False}},
    )
    return Markup(nh3.clean(html, tags=TAGS, attributes={}, link_rel=None))
