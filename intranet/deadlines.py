"""Deadlines are local calendar days; the engine stores naive UTC moments.

The rule, in one place: a deadline at local midnight means the day before it. A last day is
stored as the midnight after it (`end_of`), and every page, e-mail, calendar feed and
workflow condition reads it back as that day (`day_closed_by`, `last_day`); a deadline at
any other moment (a vote closing at 17:00) is that moment.
"""

from datetime import time, timedelta

from intranet.clock import local, utc


def start_of(day):
    """The first moment of a local calendar day, as naive UTC."""
    return utc(day, time.min)


def end_of(day):
    """The moment a local calendar day is over (the midnight after it), as naive UTC."""
    return start_of(day + timedelta(days=1))


def day_closed_by(moment):
    """The local day a deadline at local midnight closes (the day before), else None."""
    there = local(moment)
    return there.date() - timedelta(days=1) if there.time() == time.min else None


def last_day(moment):
    """The last local calendar day on which one may still act before a deadline."""
    return day_closed_by(moment) or local(moment).date()


def year_before(day):
    """The same calendar day one year earlier (28 February for 29 February)."""
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)
