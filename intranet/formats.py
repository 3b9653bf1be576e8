"""How the intranet writes money, dates and times: Dutch, through Babel, in Amsterdam time."""

from datetime import datetime, time
from decimal import Decimal
from functools import lru_cache

from babel.dates import format_date, format_time
from babel.numbers import format_currency

from intranet.clock import local
from intranet.deadlines import day_closed_by

LOCALE = "nl_NL"
# A day in numbers for files other programs read (CSV exports) and for reading typed dates;
# pages and e-mails write days through the functions below.
DAY_PATTERN = "%d-%m-%Y"


# Babel formats a day in some 20 µs; a list of 30 rows writes 60 of them on every request.
# The words of a calendar day and of a clock time never change, so each is worked out once
# per process (a few thousand days and 1,440 minutes at most; no page is kept, only words).
@lru_cache(maxsize=4096)
def _day(day, pattern):
    return format_date(day, pattern, locale=LOCALE)


@lru_cache(maxsize=1440)
def _clock(hour, minute):
    return format_time(time(hour, minute), "HH:mm", locale=LOCALE)


def count_of(count, one, many):
    """A count with its noun in the right number: 1 stap, 2 stappen (never "stap(pen)")."""
    return f"{count} {one if count == 1 else many}"


def euro(amount):
    """An amount as the Dutch write it: € 1.234,50 (with a non-breaking space)."""
    return format_currency(Decimal(amount), "EUR", locale=LOCALE)


def day_words(day):
    """A calendar day in words: vrijdag 31 juli 2026."""
    if isinstance(day, datetime):
        day = local(day).date()
    return _day(day, "EEEE d MMMM y") if day else ""


def short_day(day):
    """A day short, with its weekday, for agendas: ma 11 jan (a stored UTC moment: its day
    in Amsterdam)."""
    if isinstance(day, datetime):
        day = local(day).date()
    return format_date(day, "EEE d MMM", locale=LOCALE).rstrip(".") if day else ""


def date_words(day):
    """A calendar day in words without the weekday: 1 oktober 2018."""
    return _day(day, "d MMMM y") if day else ""


def moment_words(moment):
    """A stored UTC moment in words, in Amsterdam time: vrijdag 31 juli 2026 om 17:00."""
    if not moment:
        return ""
    return f"{day_words(moment)} om {clock_time(moment)}"


def deadline_words(moment):
    """A deadline in words: its last day, or the moment with its time (deadlines.py)."""
    if not moment:
        return ""
    day = day_closed_by(moment)
    return day_words(day) if day else moment_words(moment)


def day_numbers(day):
    """A calendar day in numbers, for tables and e-mails: 31-07-2026 (a stored UTC moment:
    its day in Amsterdam)."""
    if isinstance(day, datetime):
        day = local(day).date()
    return _day(day, "dd-MM-yyyy") if day else ""


def weekday_numbers(day):
    """A day in numbers with its weekday, where people plan by it (a meeting, a due date):
    vr 31-07-2026 (a stored UTC moment: its day in Amsterdam)."""
    if isinstance(day, datetime):
        day = local(day).date()
    return f"{_day(day, 'EEEEEE')} {_day(day, 'dd-MM-yyyy')}" if day else ""


def moment_numbers(moment):
    """A stored UTC moment in numbers, in Amsterdam time: 31-07-2026 17:00."""
    return f"{day_numbers(moment)} {clock_time(moment)}" if moment else ""


def clock_time(moment):
    """The time of a stored UTC moment in Amsterdam: 17:00."""
    if not moment:
        return ""
    moment = local(moment)
    return _clock(moment.hour, moment.minute)
