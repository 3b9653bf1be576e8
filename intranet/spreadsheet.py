"""Spreadsheets: every export writes through here, so no cell runs as a formula; every
import reads through here, bounded, so no file costs more than its limits."""

import csv
import io
import re
import zipfile

from openpyxl import load_workbook

from intranet.refusals import Refused

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
NUMBER = re.compile(r"-?\d[\d.]*(,\d+)?")


def safe_cell(value):
    """A cell a spreadsheet shows as text: a leading = + - @ tab or CR gets a quote before
    it (OWASP, CSV injection); plain numbers, negative ones too, stay numbers."""
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_STARTS) and not NUMBER.fullmatch(text):
        return "'" + text
    return text


class SafeWriter:
    """A csv.writer whose every cell passes through `safe_cell`."""

    def __init__(self, out, **options):
        self._writer = csv.writer(out, **options)

    def writerow(self, row):
        """Write one row of neutralised cells."""
        return self._writer.writerow([safe_cell(value) for value in row])


def writer(out, **options):
    """A semicolon-separated writer (Dutch Excel) that neutralises formulas."""
    return SafeWriter(out, **{"delimiter": ";", **options})


# Reading: an uploaded file is bounded before it is read, and a malformed one is a Dutch
# refusal, never a 500 (intranet/partners/table.py reads the network's import through here).
MAX_ROWS = 5000  # data rows, besides the header
MAX_COLUMNS = 50
MAX_UNPACKED = 16 * 1024 * 1024  # an .xlsx, unzipped: every part together
MAX_PARTS = 500
UNREADABLE_XLSX = (
    "Het Excel-bestand kan niet worden gelezen: het is beschadigd of geen gewoon werkblad. "
    "Sla het opnieuw op als .xlsx of als CSV."
)
TOO_LARGE_UNPACKED = (
    "Het Excel-bestand is uitgepakt te groot (meer dan {mb} MB). Sla alleen het werkblad met "
    "de partners op, of gebruik CSV."
)
TOO_MANY_ROWS = "Het bestand heeft meer dan {rows} regels. Splits het in kleinere bestanden."
TOO_MANY_COLUMNS = (
    "Regel {line} heeft meer dan {columns} kolommen. Gebruik alleen de kolommen van de lijst."
)


def _bounded(rows):
    """The rows as lists, refused past MAX_ROWS data rows (counted as they are read)."""
    grid = []
    for row in rows:
        if len(grid) > MAX_ROWS:
            raise Refused(TOO_MANY_ROWS.format(rows=MAX_ROWS))
        grid.append(list(row))
    return grid


def csv_grid(text, delimiter):
    """The cells of CSV text, read row by row and refused past MAX_ROWS or MAX_COLUMNS."""

    def rows():
        for line, row in enumerate(
            csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), 1
        ):
            if len(row) > MAX_COLUMNS:
                raise Refused(TOO_MANY_COLUMNS.format(line=line, columns=MAX_COLUMNS))
            yield row

    try:
        return _bounded(rows())
    except csv.Error as error:
        raise Refused("Het CSV-bestand kan niet worden gelezen.") from error


def xlsx_grid(data):
    """The cells of the first sheet of an .xlsx (bytes).

    Before anything is parsed, the parts' unpacked sizes are added up (zipfile never
    unpacks more than a part's stated size). The sheet's own claim about its size (its
    `dimension`) is ignored, at most MAX_COLUMNS columns are read, and rows are counted as
    they come. openpyxl parses the XML through defusedxml: entities (billion laughs, XXE)
    are refused.
    """
    try:
        parts = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError) as error:
        raise Refused(UNREADABLE_XLSX) from error
    if len(parts) > MAX_PARTS or sum(part.file_size for part in parts) > MAX_UNPACKED:
        raise Refused(TOO_LARGE_UNPACKED.format(mb=MAX_UNPACKED // (1024 * 1024)))
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            sheet = book.worksheets[0]
            sheet.reset_dimensions()  # a claimed A1:ALL20000 costs nothing
            return _bounded(sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True))
        finally:
            book.close()
    except Refused:
        raise
    except Exception as error:
        raise Refused(UNREADABLE_XLSX) from error
