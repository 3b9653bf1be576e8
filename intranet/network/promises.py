"""The convenant's promises, measured for the dashboard: invitations, jaargesprekken, attendance.

The convenant: every ambassador (the primary contactpersoon) is invited at least twice a
schooljaar to a netwerkbijeenkomst, and the network talks with every partner once a year.
"""

from peewee import fn

from intranet.models import EDUCATION_WERKVELDEN, Contact, Organisation
from intranet.network.jaargesprek import partners_without
from intranet.network.models import Invitation, Meeting
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
        Contact.select(Contact.organisation)
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
        .having(fn.COUNT(Invitation.meeting.distinct()) >= PROMISED_INVITATIONS)
    )
    return Organisation.current_partners().where(Organisation.id.not_in(invited))


def attendance_rows(year, years=YEARS_SHOWN):
    """[(werkveld, schooljaar label, count)] of people present, by werkveld, then schooljaar."""
    first, _ = bounds_utc(year - years + 1)
    _, last = bounds_utc(year)
    rows = (
        Invitation.select(Meeting.starts_at, Organisation.sector, Invitation.user)
        .join(Meeting)
        .switch(Invitation)
        .join(Contact, on=(Contact.user == Invitation.user))
        .join(Organisation)
        .where(Invitation.attended == True, Meeting.starts_at >= first, Meeting.starts_at < last)  # noqa: E712
        .distinct()
        .tuples()
    )
    counts = {}
    for starts_at, sector, _ in rows:
        key = (ORDER.index(werkveld_of(sector)), schooljaar_of(starts_at.date()))
        counts[key] = counts.get(key, 0) + 1
    return [(ORDER[w], schooljaar_label(y), n) for (w, y), n in sorted(counts.items())]


def section(year=None):
    """What the dashboard's convenant-promises section shows (four queries)."""
    year = schooljaar_of() if year is None else year
    invited = under_invited(year)
    without = partners_without(year)
    return {
        "year_label": schooljaar_label(year),
        "year": year,
        "under_invited": list(invited.limit(SHOWN)),
        "under_invited_count": invited.count(),
        "without_jaargesprek": list(without.limit(SHOWN)),
        "without_jaargesprek_count": without.count(),
        "attendance": attendance_rows(year),
        "shown": SHOWN,
    }
