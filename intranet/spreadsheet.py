"""CSV for spreadsheets: every export writes through here, so no cell runs as a formula."""

import csv
import re

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
