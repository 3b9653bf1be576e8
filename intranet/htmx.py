"""Everything this app knows about htmx: page or fragment, Vary, client redirects."""

from flask import redirect, render_template, request
from htmx_flask import make_response


def is_htmx():
    """True for a request htmx sent (not a boosted or history-restoring full page load)."""
    return (
        bool(request.htmx)
        and not request.htmx.boosted
        and not request.headers.get("HX-History-Restore-Request")
    )


def render(page_template, fragment_template, **context):
    """Render the whole page, or only the fragment when htmx asks for it."""
    template = fragment_template if is_htmx() else page_template
    response = make_response(render_template(template, **context))
    response.vary.add("HX-Request")
    return response


def redirect_to(url):
    """Redirect: a 302 for the browser, HX-Redirect for htmx (never a 302 into a swap)."""
    if request.htmx:
        response = make_response("", 204, redirect=url)
        response.vary.add("HX-Request")
        return response
    return redirect(url)
