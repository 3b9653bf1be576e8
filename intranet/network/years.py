"""Schooljaren as the network counts them: 1 August to 31 July (DOMAIN.md)."""

from datetime import UTC, date, datetime, time

from intranet.clock import AMSTERDAM, today


def schooljaar_of(day=None):
    """The schooljaar (its start year) a day falls in."""
    day = day or today()
    return day.year if day >= date(day.year, 8, 1) else day.year - 1


def label(year):
    """A schooljaar in words: 2025/2026."""
    return f"{year}/{year + 1}"


def bounds_utc(year):
    """The schooljaar's first and last moment as naive UTC, for comparing stored times."""
    return utc(date(year, 8, 1), time(0, 0)), utc(date(year + 1, 8, 1), time(0, 0))


def utc(day, at):
    """A Dutch local day and time as naive UTC, as stored."""
    local = datetime.combine(day, at, tzinfo=AMSTERDAM)
    return local.astimezone(UTC).replace(tzinfo=None)
