"""Printable documents: one template is both the print view and, through WeasyPrint, a PDF.

Every PDF is tagged as PDF/UA-1 (its structure, language and title readable by a screen
reader), from the HTML's own headings, lists and tables."""

import os

from flask import current_app, make_response, render_template
from weasyprint import CSS, HTML


def _no_fetching(url, *args, **kwargs):
    """Documents carry everything they need; WeasyPrint fetches nothing (no SSRF, no waits)."""
    raise ValueError(f"not fetched: {url}")


def stylesheet():
    """The print stylesheet, as a file WeasyPrint reads directly."""
    return CSS(filename=os.path.join(current_app.static_folder, "css", "print.css"))


# WeasyPrint's accessible variant: tags, the document language and title, PDF/UA metadata.
PDF_VARIANT = "pdf/ua-1"


def to_pdf(html, stylesheets=()):
    """HTML (with everything it needs inside) as a tagged PDF's bytes."""
    document = HTML(string=html, url_fetcher=_no_fetching)
    return document.write_pdf(stylesheets=list(stylesheets), pdf_variant=PDF_VARIANT)


def pdf_bytes(template, **context):
    """The document rendered to PDF."""
    return to_pdf(render_template(template, pdf=True, **context), [stylesheet()])


def pdf_response(template, filename, **context):
    """The document as a PDF download."""
    response = make_response(pdf_bytes(template, **context))
    response.mimetype = "application/pdf"
    response.headers["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def print_page(template, **context):
    """The document as a page to print from the browser."""
    return render_template(template, pdf=False, **context)
