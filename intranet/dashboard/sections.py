"""The dashboard's sections, each fed by one data function.

Partners without achtervang and fees per sector are computed here. The admission and
rounds features plug their sections in with `provide(app, name, function)` from their
init_app; a section without a provider is not shown. What each provider returns:

- "cases_needing_action": [{"label", "url", "since" (datetime or None)}]
- "open_votes": [{"label", "url", "deadline" (datetime or None)}]
- "rounds_in_progress": [{"label", "url", "summary"}]
- "applications_per_state": [(state label, count)] (drawn as a bar chart)
"""

from flask import current_app

from intranet.dashboard.chart import bar_chart
from intranet.fees.compute import summary
from intranet.fees.models import schooljaar_label, schooljaar_of
from intranet.formats import euro
from intranet.models import Organisation

PLUGGABLE = ("cases_needing_action", "open_votes", "rounds_in_progress", "applications_per_state")
SHOWN_WITHOUT_ACHTERVANG = 20


def provide(app, name, function):
    """Let a feature feed one of the dashboard's pluggable sections."""
    if name not in PLUGGABLE:
        raise ValueError(f"unknown dashboard section: {name}")
    app.extensions.setdefault("dashboard_sections", {})[name] = function


def partners_without_achtervang():
    """How many current partners lack an achtervang, and the first of them by name."""
    query = Organisation.without_achtervang()
    return {"count": query.count(), "partners": list(query.limit(SHOWN_WITHOUT_ACHTERVANG))}


def _fee_text(total):
    """A sector's total in words, saying how many partners could not be computed."""
    if not total.open:
        return euro(total.total)
    if total.open == total.partners:
        return "niet berekend"
    return f"{euro(total.total)} + {total.open} niet berekend"


def fees_per_sector(year=None):
    """This schooljaar's fees per sector (or membership), as totals and as a chart."""
    year = schooljaar_of() if year is None else year
    result = summary(year)
    chart = bar_chart(
        "chart-fees",
        f"Abonnementsgelden per sector, {schooljaar_label(year)}",
        [(t.label, t.total, _fee_text(t)) for t in result.totals if t.partners],
        description="Berekende bijdragen; PM-tarieven en ontbrekende aantallen tellen niet mee.",
    )
    return {"year": year, "label": schooljaar_label(year), "overview": result, "chart": chart}


def applications_chart(rows):
    """The applications-per-state rows as a bar chart."""
    return bar_chart("chart-applications", "Aanmeldingen per status", rows)


def sections():
    """Every section's data; a pluggable section is None while no feature provides it."""
    providers = current_app.extensions.get("dashboard_sections", {})
    data = {name: providers[name]() if name in providers else None for name in PLUGGABLE}
    if data["applications_per_state"] is not None:
        data["applications_per_state"] = applications_chart(data["applications_per_state"])
    data["without_achtervang"] = partners_without_achtervang()
    data["fees"] = fees_per_sector()
    return data
