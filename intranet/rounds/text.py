"""The convenant text is Markdown; shown as sanitised HTML, in the page, print view and PDF."""

import markdown
import nh3
from markupsafe import Markup

TAGS = {"h2", "h3", "h4", "h5", "h6", "p", "ol", "ul", "li", "strong", "em", "br", "blockquote"}


def _columns_as_list(text):
    """Lines with tabs (the 2018 text's two-column list of parties) become list items."""
    lines = []
    for line in (text or "").splitlines():
        if "\t" in line:
            lines.extend(f"- {cell.strip()}" for cell in line.split("\t") if cell.strip())
        else:
            lines.append(line)
    return "\n".join(lines)


def to_html(text):
    """The text as safe HTML; `#` is a second-level heading (the page has its own h1)."""
    html = markdown.markdown(
        _columns_as_list(text),
        extensions=["sane_lists", "toc"],
        extension_configs={"toc": {"baselevel": 2, "anchorlink": False, "permalink": False}},
    )
    return Markup(nh3.clean(html, tags=TAGS, attributes={}, link_rel=None))
