"""Everything this app knows about htmx: page or fragment, Vary, client redirects."""

from flask import make_response, redirect, render_template, request


def sent_by_htmx():
    """True for any request htmx sent (`HX-Request: true`), boosted ones included."""
    return request.headers.get("HX-Request") == "true"


def is_htmx():
    """True for a request htmx sent (not a boosted or history-restoring full page load)."""
    return (
        sent_by_htmx()
        and not request.headers.get("HX-Boosted")
        and not request.headers.get("HX-History-Restore-Request")
    )


def render(page_template, fragment_template, **context):
    """Render the whole page, or only the fragment when htmx asks for it."""
    template = fragment_template if is_htmx() else page_template
    return fragment(render_template(template, **context))


def fragment(html):
    """A response whose body depends on HX-Request (a page, or the part htmx swaps in)."""
    response = make_response(html)
    response.vary.add("HX-Request")
    return response


def redirect_to(url):
    """Redirect: a 302 for the browser, HX-Redirect for htmx (never a 302 into a swap)."""
    if sent_by_htmx():
        response = make_response("", 204)
        response.headers["HX-Redirect"] = url
        response.vary.add("HX-Request")
        return response
    return redirect(url)
