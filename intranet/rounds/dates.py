"""Convenant dates are local calendar days; the engine schedules naive UTC moments."""

from datetime import UTC, datetime, time, timedelta

from intranet.clock import AMSTERDAM, local
from intranet.formats import day_words


def start_of(day):
    """The first moment of a local calendar day, as naive UTC."""
    moment = datetime.combine(day, time.min, tzinfo=AMSTERDAM)
    return moment.astimezone(UTC).replace(tzinfo=None)


def end_of(day):
    """The moment a local calendar day is over (the midnight after it), as naive UTC."""
    return start_of(day + timedelta(days=1))


def last_day(moment):
    """The local calendar day that ends at a stored end_of() moment."""
    return local(moment).date() - timedelta(days=1)


def year_before(day):
    """The same calendar day one year earlier (28 February for 29 February)."""
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)


def day_text(day):
    """A date as the Dutch write it: 31-07-2022."""
    return day.strftime("%d-%m-%Y") if day else ""


def deadline_text(moment):
    """A stored end_of() deadline as the last day one may answer, in words: zondag 31 juli 2022."""
    return day_words(last_day(moment)) if moment else ""
