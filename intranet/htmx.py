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


def render(page_template, fragment_template, status_code=200, **context):
    """Render the whole page, or only the fragment when htmx asks for it.

    The one way a route answers htmx with a part of a page: the body depends on HX-Request,
    so the response says so (Vary). A fragment that has no page of its own is given as both.
    """
    template = fragment_template if is_htmx() else page_template
    response = make_response(render_template(template, **context), status_code)
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
