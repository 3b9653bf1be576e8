"""The schooljaar: from 1 August to 31 July (docs/domain.md), written 2025-2026.

The one place the intranet says when a schooljaar begins and how it is named: the fees and
their invoices, the network's jaargesprekken and attendance, and the dashboard count by it.
A schooljaar is known by the year it starts in (2025 is 2025-2026).
"""

from datetime import date, time, timedelta

from intranet.clock import today, utc

FIRST_MONTH = 8  # 1 August


def schooljaar_of(day=None):
    """The schooljaar (its start year) a day falls in; today's by default."""
    day = day or today()
    return day.year if day >= first_day(day.year) else day.year - 1


def schooljaar_label(year):
    """A schooljaar in words: 2025-2026."""
    return f"{year}-{year + 1}"


def first_day(year):
    """1 August of the schooljaar."""
    return date(year, FIRST_MONTH, 1)


def last_day(year):
    """31 July at the end of the schooljaar."""
    return first_day(year + 1) - timedelta(days=1)


def bounds_utc(year):
    """The schooljaar's first moment and the first moment after it, as naive UTC."""
    return utc(first_day(year), time(0, 0)), utc(first_day(year + 1), time(0, 0))


def day_in(year, month, day):
    """The date with this month and day inside the schooljaar (1 May of 2025-2026: 2026)."""
    found = date(year, month, day)
    return found if found >= first_day(year) else date(year + 1, month, day)
