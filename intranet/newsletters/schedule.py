"""The schedule the projectplan promises: five newsletters per werkveld per schooljaar."""

from intranet.models import EDUCATION_WERKVELDEN, WERKVELDEN
from intranet.newsletters.models import VERZONDEN, Newsletter
from intranet.schooljaar import bounds_utc, schooljaar_of

PROMISED_PER_YEAR = 5


def this_schooljaar(year=None):
    """{"year", "promised", "rows": [(werkveld label, sent)]} for the dashboard (one query)."""
    year = year or schooljaar_of()
    start, end = bounds_utc(year)
    sent = {werkveld: 0 for werkveld in EDUCATION_WERKVELDEN}
    query = Newsletter.select(Newsletter.werkvelden).where(
        Newsletter.state == VERZONDEN, Newsletter.sent_at >= start, Newsletter.sent_at < end
    )
    for (werkvelden,) in query.tuples():
        for werkveld in werkvelden.split():
            if werkveld in sent:
                sent[werkveld] += 1
    rows = [(WERKVELDEN[w], count) for w, count in sent.items()]
    return {"year": year, "promised": PROMISED_PER_YEAR, "rows": rows}
