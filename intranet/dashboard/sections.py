"""The dashboard's sections, each fed by one data function: one query each (one for both the
applications waiting and the open votes, two for the fees, three for the convenant's
promises), whatever the number of partners.

The newsletters sent this schooljaar per werkveld (against the projectplan's five) come from
`intranet/newsletters/schedule.py`, in one aggregate query.

Partners without achtervang and fees per sector are computed here; the admission's
sections come from `intranet/admission/dashboard.py`, the rounds from their models.
"""

from flask import url_for

from intranet.admission import dashboard as admission
from intranet.dashboard.chart import bar_chart
from intranet.fees.compute import summary
from intranet.formats import euro
from intranet.models import Organisation
from intranet.network import promises
from intranet.newsletters import schedule
from intranet.pagination import first
from intranet.rounds.models import rounds_in_progress
from intranet.schooljaar import schooljaar_label, schooljaar_of

SHOWN_WITHOUT_ACHTERVANG = 20


def partners_without_achtervang():
    """How many current partners lack an achtervang, and the first of them by name."""
    listed = Organisation.without_achtervang().select(Organisation.id, Organisation.name)
    partners, count = first(listed, SHOWN_WITHOUT_ACHTERVANG)
    return {"count": count or 0, "partners": partners}


def _fee_text(total):
    """A line's total in words: PM stays PM (never € 0,00), missing amounts are counted."""
    parts = []
    if total.total or not (total.pm or total.open):
        parts.append(euro(total.total))
    if total.pm:
        parts.append("PM")
    if total.open:
        parts.append(f"{total.open} niet berekend")
    return " + ".join(parts)


def fees_per_sector(year=None):
    """This schooljaar's fees per sector (or membership), as totals and as a chart."""
    year = schooljaar_of() if year is None else year
    result = summary(year)
    chart = bar_chart(
        "chart-fees",
        f"Abonnementsgelden per sector, {schooljaar_label(year)}",
        [(t.label, t.total, _fee_text(t)) for t in result.totals if t.partners],
        description=(
            "Berekende bijdragen; PM-tarieven staan er als PM, "
            "ontbrekende aantallen tellen niet mee."
        ),
    )
    return {"year": year, "label": schooljaar_label(year), "overview": result, "chart": chart}


def applications_chart(rows):
    """The applications-per-state rows as a bar chart."""
    return bar_chart("chart-applications", "Aanmeldingen per status", rows)


def convenant_promises():
    """The network's promises this schooljaar, with attendance per werkveld as a chart."""
    data = promises.section()
    data["chart"] = bar_chart(
        "chart-attendance",
        "Aanwezigen per werkveld per schooljaar",
        [(f"{werkveld} · {year}", count) for werkveld, year, count in data["attendance"]],
        description="Aanwezigen bij bijeenkomsten naar het werkveld van hun organisatie "
        "(Overig: partners zonder leerlingen).",
    )
    return data


def rounds():
    """The signing and vriend rounds that are open, with their progress."""
    return [
        {
            "label": round_.label,
            "url": url_for("rounds.round_page", round_id=round_.id),
            "summary": ", ".join(f"{state}: {count}" for state, count in round_.totals.items()),
        }
        for round_ in rounds_in_progress()
    ]


def sections():
    """Every section's data."""
    return {
        **admission.waiting(),
        "rounds_in_progress": rounds(),
        "applications_per_state": applications_chart(admission.applications_per_state()),
        "without_achtervang": partners_without_achtervang(),
        "fees": fees_per_sector(),
        "promises": convenant_promises(),
        "newsletters": schedule.this_schooljaar(),
    }
