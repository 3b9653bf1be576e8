"""The projectleider's import page (upload, preview, confirm) and the export download."""

import os
import re
import secrets

from flask import Response, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user
from flask_wtf.file import FileField
from werkzeug.exceptions import RequestEntityTooLarge
from wtforms import HiddenField

from intranet.errors import error_page
from intranet.forms import Form
from intranet.pages import Pages
from intranet.partners import table
from intranet.partners.import_apply import import_rows
from intranet.partners.network_export import export
from intranet.partners.partner_cli import too_large
from intranet.refusals import Refused
from intranet.security import role_required

pages = Pages()

GONE = "Dit voorbeeld is verlopen of al gebruikt. Kies het bestand opnieuw."
KINDS = {"csv": "text/csv; charset=utf-8", "xlsx": table.XLSX_TYPE}


class UploadForm(Form):
    """The file to import."""

    file = FileField("Bestand (CSV met ; of Excel .xlsx)")


class ConfirmForm(Form):
    """Confirm the import of the file shown in the preview."""

    upload = HiddenField()


@pages.url_value_preprocessor
def _allow_import_files(endpoint, values):
    """An upload to the import may be larger than other forms (this runs before any reading)."""
    if endpoint == "partners.preview_import":
        request.max_content_length = current_app.config["IMPORT_MAX_BYTES"] + 64 * 1024


@pages.errorhandler(RequestEntityTooLarge)
def _too_large(error):
    """A file above the limit: the import page says so (other partner forms: the usual page)."""
    if request.endpoint != "partners.preview_import":
        return error_page(413)
    return _page(error=too_large(current_app.config["IMPORT_MAX_BYTES"]), status=413)


def _folder():
    folder = os.path.join(current_app.instance_path, "imports")
    os.makedirs(folder, exist_ok=True)
    return folder


def _path(upload):
    if not re.fullmatch(r"[A-Za-z0-9_-]{20,64}", upload or ""):
        return None
    return os.path.join(_folder(), upload)


def _page(form=None, error=None, result=None, upload=None, status=200):
    return render_template(
        "partners/import.html",
        form=form or UploadForm(formdata=None),
        confirm=ConfirmForm(formdata=None, upload=upload),
        error=error,
        result=result,
        upload=upload,
        columns=table.COLUMNS.values(),
    ), status


@pages.get("/import")
@role_required("projectleider")
def import_page():
    """Upload a file; the page shows what its import would do before anything changes."""
    return _page()


@pages.post("/import")
@role_required("projectleider")
def preview_import():
    """Read the uploaded file and show per row what the import would do."""
    limit = current_app.config["IMPORT_MAX_BYTES"]
    form = UploadForm()
    upload = request.files.get("file")
    if not form.validate() or upload is None or not upload.filename:
        return _page(form, error="Kies een bestand om te importeren.", status=422)
    data = upload.stream.read(limit + 1)
    if len(data) > limit:
        return _page(error=too_large(limit), status=413)
    try:
        result = import_rows(table.read(data, upload.filename), _me(), dry_run=True)
    except Refused as error:
        return _page(error=error.message, status=422)
    if result.errors:
        return _page(result=result, status=422)
    token = secrets.token_urlsafe(24)
    with open(_path(token), "wb") as handle:
        handle.write(data)
    return _page(result=result, upload=token)


@pages.post("/import/bevestigen")
@role_required("projectleider")
def confirm_import():
    """Import the previewed file; if it no longer fits the network, show why (nothing changes)."""
    form = ConfirmForm()
    path = _path(form.upload.data) if form.validate() else None
    if path is None or not os.path.exists(path):
        return _page(error=GONE, status=409)
    with open(path, "rb") as handle:
        data = handle.read()
    try:
        result = import_rows(table.read(data), _me())
    except Refused as error:
        return _page(error=error.message, status=409)
    if result.errors:
        return _page(result=result, status=409)
    os.remove(path)
    flash(
        f"Geïmporteerd: {result.count('nieuw')} nieuw, {result.count('gewijzigd')} gewijzigd, "
        f"{result.count('ongewijzigd')} ongewijzigd. Nieuwe contactpersonen krijgen een "
        "uitnodiging per e-mail.",
        "success",
    )
    return redirect(url_for("partners.import_page"), code=303)


@pages.get("/export.csv")
@role_required("projectleider")
def export_csv():
    """Download the current partners as Dutch Excel CSV, in the import's format."""
    return _download("csv")


@pages.get("/export.xlsx")
@role_required("projectleider")
def export_xlsx():
    """Download the current partners as an Excel workbook, in the import's format."""
    return _download("xlsx")


def _download(kind):
    return Response(
        export(kind),
        mimetype=KINDS[kind],
        headers={"Content-Disposition": f"attachment; filename=partners.{kind}"},
    )


def _me():
    return current_user._get_current_object()
