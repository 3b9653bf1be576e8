"""How the intranet writes money, dates and times: Dutch, through Babel, in Amsterdam time."""

from datetime import date, datetime, timedelta
from decimal import Decimal

from babel.dates import format_date, format_time
from babel.numbers import format_currency

from intranet.clock import local

LOCALE = "nl_NL"


def euro(amount):
    """An amount as the Dutch write it: € 1.234,50 (with a non-breaking space)."""
    return format_currency(Decimal(amount), "EUR", locale=LOCALE)


def day_words(day):
    """A calendar day in words: vrijdag 31 juli 2026."""
    if isinstance(day, datetime):
        day = local(day).date()
    return format_date(day, "EEEE d MMMM y", locale=LOCALE) if day else ""


def date_words(day):
    """A calendar day in words without the weekday: 1 oktober 2018."""
    return format_date(day, "d MMMM y", locale=LOCALE) if day else ""


def moment_words(moment):
    """A stored UTC moment in words, in Amsterdam time: vrijdag 31 juli 2026 om 17:00."""
    if not moment:
        return ""
    there = local(moment)
    return f"{day_words(there.date())} om {format_time(there, 'HH:mm', locale=LOCALE)}"


def deadline_words(moment):
    """A deadline in words. A moment at local midnight ends the day before it (end_of());
    any other moment is shown with its time."""
    if not moment:
        return ""
    there = local(moment)
    if (there.hour, there.minute) == (0, 0):
        return day_words(there.date() - timedelta(days=1))
    return moment_words(moment)


def short_day(day):
    """A calendar day in numbers, for tables: 31-07-2026."""
    if isinstance(day, datetime):
        day = local(day).date()
    return day.strftime("%d-%m-%Y") if isinstance(day, date) else ""
