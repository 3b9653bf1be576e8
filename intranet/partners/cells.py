"""Cells read the Dutch way: `1.200` is twelve hundred, `12,50` twelve and a half,
`31-10-2018` a date, `ja`/`nee` a yes or no; Excel's own numbers and dates as they are."""

import re
import unicodedata
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from intranet.formats import DAY_PATTERN

YES = {"ja", "j", "yes", "y", "x", "1", "waar", "true"}
NO = {"nee", "n", "no", "0", "onwaar", "false", ""}
QUOTED = tuple("=+-@")  # a leading character the export puts a quote before


def text(cell):
    """A cell as clean text: no surrounding or repeated whitespace, no control characters."""
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    value = "".join(ch for ch in str(cell) if unicodedata.category(ch) != "Cc" or ch == " ")
    value = " ".join(value.split())
    if value[:1] == "'" and value[1:2] in QUOTED:  # what an export quoted (spreadsheet.py)
        value = value[1:]
    return value


def number(cell):
    """A Dutch number (`1.200`, `12,50`) as Decimal, None when empty; ValueError if it is none."""
    if isinstance(cell, int | float | Decimal) and not isinstance(cell, bool):
        return Decimal(str(cell))
    value = text(cell).replace(" ", "").replace("€", "")
    if not value:
        return None
    if not re.fullmatch(r"-?(\d{1,3}(\.\d{3})+|\d+)(,\d+)?", value):
        raise ValueError(value)
    try:
        return Decimal(value.replace(".", "").replace(",", "."))
    except InvalidOperation as error:
        raise ValueError(value) from error


def count(cell):
    """A whole number of pupils or kindplaatsen, None when empty; ValueError otherwise."""
    value = number(cell)
    if value is None:
        return None
    if value != value.to_integral_value() or value < 0:
        raise ValueError(text(cell))
    return int(value)


def yes_no(cell):
    """ja/nee (and the usual variants) as True/False; ValueError otherwise."""
    if isinstance(cell, bool):
        return cell
    value = text(cell).lower()
    if value in YES:
        return True
    if value in NO:
        return False
    raise ValueError(value)


def day(cell):
    """A date written 31-10-2018, 31/10/2018 or 2018-10-31 (or an Excel date); None if empty."""
    if isinstance(cell, datetime):
        return cell.date()
    if isinstance(cell, date):
        return cell
    value = text(cell)
    if not value:
        return None
    for pattern in (DAY_PATTERN, "%d/%m/%Y", "%Y-%m-%d", "%d-%m-%y", "%d.%m.%Y"):
        try:
            return datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    raise ValueError(value)
