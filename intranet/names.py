"""When two organisation names are the same: the one comparison of names (the application's
namesakes and likely matches, the import's matching).

Lookalikes count as the same name: compatibility forms (NFKC: a full-width letter, a
ligature), invisible format characters (a zero-width space or joiner, a soft hyphen),
accents, capitals, punctuation (a trailing dot) and spacing (also none at all: a zero-width
joiner between two words) do not count.
"""

import re
import unicodedata

_NOT_WORD = re.compile(r"[^\w]+")


def name_key(text):
    """A name as it is compared: see the module's docstring."""
    text = unicodedata.normalize("NFKC", str(text or ""))
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")  # invisible
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    return "".join(_NOT_WORD.sub("", text.replace("_", "")).split())
