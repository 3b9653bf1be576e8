"""The network as a table: reading what Dutch Excel writes (CSV or .xlsx), writing it back.

A file holds a header row with some of COLUMNS (only `naam` is required) and a row per
organisation; `cells` reads the values the Dutch way.
"""

import io
import unicodedata
from dataclasses import dataclass, field
from datetime import date

from openpyxl import Workbook

from intranet import spreadsheet
from intranet.formats import DAY_PATTERN
from intranet.names import name_key
from intranet.refusals import Refused

# The columns, in the order an export writes them: key -> header.
COLUMNS = {
    "name": "naam",
    "sector": "sector",
    "municipality": "gemeente",
    "pupil_count": "leerlingen/kindplaatsen",
    "membership_type": "lidmaatschap",
    "lef_partner": "LEF-partner",
    "website": "website",
    "contact_name": "contactpersoon",
    "contact_email": "contactpersoon e-mail",
    "backup_name": "achtervang",
    "backup_email": "achtervang e-mail",
    "signed": "ondertekend",
    "signed_on": "datum ondertekening",
    "agreement": "afspraak bijdrage",
    "agreement_year": "schooljaar afspraak",
    "agreement_note": "toelichting afspraak",
}
ALIASES = {"leerlingen": "pupil_count", "kindplaatsen": "pupil_count", "lef partner": "lef_partner"}
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
XLSX_MAGIC = b"PK\x03\x04"
OLD_EXCEL_MAGIC = b"\xd0\xcf\x11\xe0"


@dataclass
class Row:
    """One data row of the file: its line number and its cells by column key."""

    line: int
    cells: dict = field(default_factory=dict)


def normalise(text):
    """A name as matched (intranet/names.py): lookalikes, accents, case, punctuation and
    spacing do not count."""
    return name_key(text)


def _header_key(text):
    header = " ".join(str(text or "").replace("\ufeff", "").strip().lower().split())
    for key, name in COLUMNS.items():
        if header == name.lower():
            return key
    return ALIASES.get(header)


def read(data, filename=""):
    """The rows of an uploaded file (bytes): a list of Row; Refused if it is unreadable."""
    if not data.strip():
        raise Refused("Het bestand is leeg.")
    if data.startswith(OLD_EXCEL_MAGIC):
        raise Refused("Dit is een oud Excel-bestand (.xls). Sla het op als .xlsx of CSV.")
    if data.startswith(XLSX_MAGIC):
        return _rows(_xlsx_grid(data))
    return _rows(_csv_grid(_decode(data)))


def _decode(data):
    if b"\x00" in data:
        raise Refused("Dit is geen CSV- of Excel-bestand (het bevat binaire gegevens).")
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")  # what Excel writes on Windows


def _csv_grid(text):
    if any(unicodedata.category(ch) == "Cc" and ch not in "\r\n\t" for ch in text[:4096]):
        raise Refused("Dit is geen CSV- of Excel-bestand (het bevat binaire gegevens).")
    first = text.split("\n", 1)[0]
    delimiter = ";" if ";" in first else "\t" if "\t" in first else ","
    return spreadsheet.csv_grid(text, delimiter)  # bounded rows and columns


def _xlsx_grid(data):
    return spreadsheet.xlsx_grid(data)  # bounded, defused, a Dutch refusal when malformed


def _blank(cell):
    return cell is None or (isinstance(cell, str) and not cell.strip())


def _rows(grid):
    grid = [row for row in grid if row and not all(_blank(cell) for cell in row)]
    if not grid:
        raise Refused("Het bestand is leeg.")
    header, keys = grid[0], []
    unknown = [str(cell).strip() for cell in header if not _blank(cell) and not _header_key(cell)]
    if unknown:
        names = ", ".join(f"‘{name[:40]}’" for name in unknown[:5])
        expected = ", ".join(COLUMNS.values())
        raise Refused(f"Onbekende kolom(men) in regel 1: {names}. Gebruik: {expected}.")
    keys = [_header_key(cell) for cell in header]
    doubled = {key for key in keys if key and keys.count(key) > 1}
    if doubled:
        raise Refused(f"De kolom ‘{COLUMNS[doubled.pop()]}’ staat twee keer in regel 1.")
    if "name" not in keys:
        raise Refused("De kolom ‘naam’ ontbreekt in regel 1.")
    rows = []
    for line, values in enumerate(grid[1:], start=2):
        cells = {key: values[i] if i < len(values) else None for i, key in enumerate(keys) if key}
        rows.append(Row(line, cells))
    return rows


def write_csv(records):
    """The records (dicts by column key) as Dutch Excel CSV: `;`, UTF-8 with BOM, CRLF."""
    out = io.StringIO(newline="")
    writer = spreadsheet.writer(out, lineterminator="\r\n")  # no cell runs as a formula
    writer.writerow(COLUMNS.values())
    for record in records:
        writer.writerow([_out(record.get(key)) for key in COLUMNS])
    return "\ufeff".encode() + out.getvalue().encode("utf-8")


def write_xlsx(records):
    """The records as an .xlsx workbook (bytes)."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Partners"
    sheet.append(list(COLUMNS.values()))
    for record in records:
        sheet.append([_xlsx_out(record.get(key)) for key in COLUMNS])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _xlsx_out(value):
    """A cell for the workbook: text that would run as a formula is quoted as in the CSV."""
    value = _out(value)
    return spreadsheet.safe_cell(value) if isinstance(value, str) else value


def _out(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, date):
        return value.strftime(DAY_PATTERN)
    return value
