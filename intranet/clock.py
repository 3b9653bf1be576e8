"""One clock for the whole intranet: naive UTC datetimes in the database."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def now():
    """The current time as naive UTC, as stored in the database."""
    return datetime.now(UTC).replace(tzinfo=None)


def local(moment):
    """A stored UTC datetime shown in Dutch local time."""
    return moment.replace(tzinfo=UTC).astimezone(AMSTERDAM) if moment else None


def today():
    """Today's date in the Netherlands."""
    return datetime.now(AMSTERDAM).date()


def utc(day, at):
    """A Dutch local day and time as naive UTC, as stored."""
    return datetime.combine(day, at, tzinfo=AMSTERDAM).astimezone(UTC).replace(tzinfo=None)
