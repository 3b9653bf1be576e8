"""The convenant's promises, measured for the dashboard: invitations, jaargesprekken, attendance.

The convenant: every ambassador (the primary contactpersoon) is invited at least twice a
schooljaar to a netwerkbijeenkomst, and the network talks with every partner once a year.
"""

from peewee import JOIN, SQL, Case, Select, fn

from intranet.db import db
from intranet.models import EDUCATION_WERKVELDEN, Contact, Organisation
from intranet.network.jaargesprek import partners_without
from intranet.network.models import Invitation, Meeting
from intranet.pagination import first
from intranet.schooljaar import bounds_utc, schooljaar_label, schooljaar_of
from intranet.workflows.states import MeetingState

PROMISED_INVITATIONS = 2
SHARED = {"HO": "HO/WO", "WO": "HO/WO"}  # one column, as in the projectplan's begroting
OTHER = "Overig"  # partners without pupils count together
SHOWN = 8
YEARS_SHOWN = 5


def werkveld_of(sector):
    """The attendance column of a partner's sector: its werkveld of education, or Overig."""
    return SHARED.get(sector, sector) if sector in EDUCATION_WERKVELDEN else OTHER


ORDER = list(dict.fromkeys([*map(werkveld_of, EDUCATION_WERKVELDEN), OTHER]))


def under_invited(year):
    """Current partners whose ambassador was invited to fewer than two netwerkbijeenkomsten."""
    start, end = bounds_utc(year)
    invited = (
        Contact.select(Contact.organisation, fn.COUNT(Invitation.meeting.distinct()).alias("n"))
        .join(Invitation, on=(Invitation.user == Contact.user))
        .join(Meeting)
        .where(
            Contact.kind == "primary",
            Meeting.kind == "netwerkbijeenkomst",
            Meeting.state == MeetingState.PUBLISHED,
            Meeting.starts_at >= start,
            Meeting.starts_at < end,
        )
        .group_by(Contact.organisation)
        .alias("invited")
    )
    # a join to the counts, not NOT IN: peewee writes a NOT IN subquery twice (to see
    # whether it is empty), and both databases hash-join the counts in one pass
    return (
        Organisation.current_partners()
        .join(invited, JOIN.LEFT_OUTER, on=(invited.c.organisation_id == Organisation.id))
        .where(fn.COALESCE(invited.c.n, 0) < PROMISED_INVITATIONS)
    )


def attendance_rows(year, years=YEARS_SHOWN):
    """[(werkveld, schooljaar label, count)] of people present, by werkveld, then schooljaar.

    Counted by the database: each person once per meeting and sector of their organisation.
    """
    first_year = year - years + 1
    start, _ = bounds_utc(first_year)
    _, end = bounds_utc(year)
    present = (
        Invitation.select(Meeting.starts_at, Organisation.sector, Invitation.user)
        .join(Meeting)
        .switch(Invitation)
        .join(Contact, on=(Contact.user == Invitation.user))
        .join(Organisation)
        .where(Invitation.attended == True, Meeting.starts_at >= start, Meeting.starts_at < end)  # noqa: E712
        .distinct()
        .alias("present")
    )
    werkveld = Case(
        None,
        [(present.c.sector.in_(sectors), name) for name, sectors in _sectors_of().items()],
        "Overig",
    )
    schooljaar = Case(
        None,
        [(present.c.starts_at < bounds_utc(y)[1], y) for y in range(first_year, year + 1)],
    )
    rows = (
        Select([present], [werkveld, schooljaar, fn.COUNT(SQL("*"))])
        .group_by(SQL("1"), SQL("2"))  # the two CASEs by position: written once, not twice
        .bind(db)
        .tuples()
    )
    counted = sorted((ORDER.index(w), y, n) for w, y, n in rows)
    return [(ORDER[w], schooljaar_label(y), n) for w, y, n in counted]


def _sectors_of():
    """{attendance column: [sector, ...]} for the werkvelden of education."""
    sectors = {}
    for sector in EDUCATION_WERKVELDEN:
        sectors.setdefault(werkveld_of(sector), []).append(sector)
    return sectors


def section(year=None):
    """What the dashboard's convenant-promises section shows (three queries)."""
    year = schooljaar_of() if year is None else year
    listed = (Organisation.id, Organisation.name)  # all the section shows of a partner
    under, under_count = first(under_invited(year).select(*listed), SHOWN)
    without, without_count = first(partners_without(year).select(*listed), SHOWN)
    return {
        "year_label": schooljaar_label(year),
        "year": year,
        "under_invited": under,
        "under_invited_count": under_count or 0,
        "without_jaargesprek": without,
        "without_jaargesprek_count": without_count or 0,
        "attendance": attendance_rows(year),
        "shown": SHOWN,
    }
