"""The schedule the projectplan promises: five newsletters per werkveld per schooljaar."""

from peewee import Case, Value, fn

from intranet.models import EDUCATION_WERKVELDEN, WERKVELDEN
from intranet.newsletters.models import VERZONDEN, Newsletter
from intranet.schooljaar import bounds_utc, schooljaar_label, schooljaar_of

PROMISED_PER_YEAR = 5


def _sent_counts(year):
    """{werkveld: newsletters sent for it in the schooljaar}, in one aggregate query (a
    newsletter for several werkvelden counts for each)."""
    start, end = bounds_utc(year)
    padded = Value(" ").concat(Newsletter.werkvelden).concat(" ")  # " PO VO ": whole codes
    counts = [
        fn.COUNT(Case(None, [(padded.contains(f" {werkveld} "), 1)])).alias(werkveld)
        for werkveld in EDUCATION_WERKVELDEN
    ]
    row = (
        Newsletter.select(*counts)
        .where(Newsletter.state == VERZONDEN, Newsletter.sent_at >= start, Newsletter.sent_at < end)
        .dicts()
        .get()
    )
    return {werkveld: row[werkveld] or 0 for werkveld in EDUCATION_WERKVELDEN}


def this_schooljaar(year=None):
    """{"year", "label", "promised", "rows": [(werkveld label, sent)]} for the dashboard
    (one query)."""
    year = schooljaar_of() if year is None else year
    rows = [(WERKVELDEN[w], count) for w, count in _sent_counts(year).items()]
    return {
        "year": year,
        "label": schooljaar_label(year),
        "promised": PROMISED_PER_YEAR,
        "rows": rows,
    }
