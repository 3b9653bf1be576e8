"""Excel files for the import tests: a workbook, one with a part replaced, and malformed or
hostile ones (broken XML, billion laughs, XXE)."""

import io
import zipfile

from openpyxl import Workbook


def workbook(rows=(("naam", "sector", "gemeente"), ("School A", "PO", "Leiden"))):
    """An .xlsx file's bytes with the rows on its one sheet."""
    book = Workbook()
    for row in rows:
        book.active.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def with_part(data, name, content):
    """The workbook with one part replaced (or added)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            if info.filename != name:
                target.writestr(info, source.read(info.filename), zipfile.ZIP_DEFLATED)
        target.writestr(name, content, zipfile.ZIP_DEFLATED)
    return out.getvalue()


SHEET = "xl/worksheets/sheet1.xml"
TYPES = "[Content_Types].xml"
SHARED_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"


def _with_shared_strings(data, xml):
    """The workbook with a shared strings part (found through its content type)."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        types = source.read(TYPES).decode()
    override = f'<Override PartName="/xl/sharedStrings.xml" ContentType="{SHARED_TYPE}"/>'
    data = with_part(data, TYPES, types.replace("</Types>", override + "</Types>"))
    return with_part(data, "xl/sharedStrings.xml", xml)


def _sheet_with(doctype, text):
    """A sheet's XML with a doctype and a second row that holds the text."""
    ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    return (
        f'<?xml version="1.0"?>{doctype}<worksheet xmlns="{ns}"><sheetData>'
        f'<row r="1"><c r="A1" t="inlineStr"><is><t>naam</t></is></c></row>'
        f'<row r="2"><c r="A2" t="inlineStr"><is><t>{text}</t></is></c></row>'
        "</sheetData></worksheet>"
    )


LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10 if n > 1 else "&lol;" * 10}">'
        for n in range(1, 10)
    )
    + ']><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" '
    'uniqueCount="1"><si><t>&lol9;</t></si></sst>'
)
XXE = (
    '<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" '
    'uniqueCount="1"><si><t>&xxe;</t></si></sst>'
)
LAUGHS_DTD = LAUGHS.split("<sst")[0].removeprefix('<?xml version="1.0"?>')
XXE_DTD = XXE.split("<sst")[0].removeprefix('<?xml version="1.0"?>')
# kind: a function that makes a well-formed workbook (its bytes) malformed or hostile
MALFORMED = {
    "broken sheet XML": lambda data: with_part(data, SHEET, "<worksheet><sheetData><row><c"),
    "broken workbook XML": lambda data: with_part(
        data, "xl/workbook.xml", "<workbook><sheets><sheet name="
    ),
    "billion laughs in shared strings": lambda data: _with_shared_strings(data, LAUGHS),
    "XXE in shared strings": lambda data: _with_shared_strings(data, XXE),
    "billion laughs in the sheet": lambda data: with_part(
        data, SHEET, _sheet_with(LAUGHS_DTD.replace("lolz", "worksheet"), "&lol9;")
    ),
    "XXE in the sheet": lambda data: with_part(
        data, SHEET, _sheet_with(XXE_DTD.replace("sst", "worksheet"), "&xxe;")
    ),
}
