"""Reading pages as a browser under our CSP would: what inline code or style would it block?"""

import json
from html.parser import HTMLParser

from intranet.security import SECURITY_HEADERS

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href"}


def _evaluates(name, value):
    """True for htmx attributes whose value htmx would run as JavaScript."""
    if name.startswith(("hx-on", "data-hx-on")) or name in {"hx-vars", "hx-eval"}:
        return True
    return name in {"hx-vals", "hx-headers"} and (value or "").lstrip().startswith("js:")


class _Scanner(HTMLParser):
    """Collects every construct our Content-Security-Policy forbids or htmx would eval."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []
        self.htmx_config = []

    def handle_starttag(self, tag, attrs):
        """Check one element's tag and attributes."""
        names = dict(attrs)
        if tag == "script" and not names.get("src"):
            self.problems.append("an inline <script> without src")
        if tag == "style":
            self.problems.append("a <style> element")
        if tag == "meta" and names.get("name") == "htmx-config":
            self.htmx_config.append(names.get("content") or "")
        for name, value in attrs:
            if name == "style":
                self.problems.append(f"a style= attribute on <{tag}>")
            elif name.startswith("on"):
                self.problems.append(f"an inline event handler {name}= on <{tag}>")
            elif _evaluates(name, value):
                self.problems.append(f"an htmx attribute that evaluates code: {name}= on <{tag}>")
            elif name in URL_ATTRIBUTES and (value or "").strip().lower().startswith("javascript:"):
                self.problems.append(f"a javascript: URL in {name}= on <{tag}>")

    handle_startendtag = handle_starttag


def inline_code(html):
    """What in this HTML the CSP would block (empty when the page is clean)."""
    scanner = _Scanner()
    scanner.feed(html)
    scanner.close()
    return scanner.problems


def htmx_config(html):
    """The parsed htmx-config meta of a page, or None when it has none."""
    scanner = _Scanner()
    scanner.feed(html)
    scanner.close()
    return json.loads(scanner.htmx_config[0]) if scanner.htmx_config else None


# The newsletter preview (newsletters.preview) is the mail's own HTML, inline styles and all,
# framed on the newsletter's page under a policy of its own that lets nothing run.
MAIL_PREVIEW_POLICY = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; frame-ancestors 'self'"
)


def is_mail_preview(headers):
    """Whether a response is a mail's HTML shown under the mail preview's own policy."""
    return headers.get("Content-Security-Policy") == MAIL_PREVIEW_POLICY


def missing_security_headers(headers):
    """The security headers a response lacks or carries with another value (the mail
    preview's own Content-Security-Policy counts as the policy)."""
    return [
        f"{name}: {headers.get(name)!r}"
        for name, value in SECURITY_HEADERS.items()
        if headers.get(name) != value
        and not (name == "Content-Security-Policy" and is_mail_preview(headers))
    ]
