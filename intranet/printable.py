"""Printable documents: one template is both the print view and, through WeasyPrint, a PDF."""

import os

from flask import current_app, make_response, render_template
from weasyprint import CSS, HTML


def _no_fetching(url, *args, **kwargs):
    """Documents carry everything they need; WeasyPrint fetches nothing (no SSRF, no waits)."""
    raise ValueError(f"not fetched: {url}")


def stylesheet():
    """The print stylesheet, as a file WeasyPrint reads directly."""
    return CSS(filename=os.path.join(current_app.static_folder, "css", "print.css"))


def pdf_bytes(template, **context):
    """The document rendered to PDF."""
    html = render_template(template, pdf=True, **context)
    return HTML(string=html, url_fetcher=_no_fetching).write_pdf(stylesheets=[stylesheet()])


def pdf_response(template, filename, **context):
    """The document as a PDF download."""
    response = make_response(pdf_bytes(template, **context))
    response.mimetype = "application/pdf"
    response.headers["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def print_page(template, **context):
    """The document as a page to print from the browser."""
    return render_template(template, pdf=False, **context)
