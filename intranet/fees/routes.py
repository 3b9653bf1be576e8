"""Fee views: the overview per schooljaar, the CSV, a partner's specification, the rates."""

from flask import abort, flash, make_response, redirect, render_template, url_for
from flask_login import current_user
from playhouse.flask_utils import get_object_or_404

from intranet.db import write_transaction
from intranet.fees.compute import contribution_of, overview, was_partner_in
from intranet.fees.export import csv_filename, to_csv
from intranet.fees.forms import RatesForm
from intranet.fees.models import FIRST_SCHOOLJAAR, FeeRate
from intranet.fees.rules import JOINED_DURING_YEAR
from intranet.fees.years import known_year, year_context
from intranet.models import Organisation
from intranet.pages import Pages
from intranet.schooljaar import schooljaar_label, schooljaar_of
from intranet.security import login_required, role_required

pages = Pages()

CLOSED = "Dit schooljaar is voorbij: de tarieven ervan liggen vast en blijven zoals ze waren."


@pages.get("/", defaults={"year": None}, endpoint="overview")
@pages.get("/<int:year>", endpoint="overview")
@role_required("projectleider")
def overview_page(year):
    """Every partner's contribution in a schooljaar, totals per sector and the budget."""
    year = known_year(year)
    years = sorted({*FeeRate.years(), schooljaar_of(), year})
    result = overview(year)
    return render_template(
        "fees/overview.html",
        overview=result,
        years=years,
        **year_context(year, bool(result.rates)),
    )


@pages.get("/<int:year>/abonnementsgelden.csv")
@role_required("projectleider")
def export(year):
    """The overview as a CSV file for Excel: semicolons, Dutch amounts, UTF-8 with BOM."""
    response = make_response(to_csv(overview(known_year(year))).encode("utf-8"))
    response.mimetype = "text/csv"
    response.charset = "utf-8"
    response.headers["Content-Disposition"] = f'attachment; filename="{csv_filename(year)}"'
    return response


@pages.get("/<int:year>/partner/<int:organisation_id>")
@login_required
def specification(year, organisation_id):
    """A partner's printable invoice specification for a schooljaar."""
    year = known_year(year)
    organisation = get_object_or_404(Organisation, Organisation.id == organisation_id)
    if not (
        current_user.has_role("projectleider") or organisation.id in current_user.organisation_ids
    ):
        abort(403)
    item = contribution_of(organisation, year)
    return render_template(
        "fees/specification.html",
        item=item,
        member=was_partner_in(organisation, year),
        rule=JOINED_DURING_YEAR,
        **year_context(year),
    )


@pages.get("/tarieven")
@role_required("projectleider")
def rates_index():
    """The schooljaren with rates, and the way to set next year's."""
    years, current = FeeRate.years(), schooljaar_of()
    return render_template(
        "fees/rates_index.html",
        years=years,
        current=current,
        next_year=max([current, *years]) + 1,
        missing=[y for y in range(FIRST_SCHOOLJAAR, current) if y not in years],
    )


@pages.route("/tarieven/<int:year>", methods=["GET", "POST"])
@role_required("projectleider")
def rates(year):
    """Set a schooljaar's rates; an ended year's rates, once set, cannot be changed."""
    year = known_year(year)
    stored = {r.kind: (r.basis, r.amount) for r in FeeRate.for_year(year).values()}
    form = RatesForm.for_rates(stored or FeeRate.proposal(year))
    context = {"form": form, "is_new": not stored, **year_context(year, bool(stored))}
    if form.is_submitted() and not context["editable"]:
        return render_template("fees/rates.html", refused=CLOSED, **context), 409
    if form.validate_on_submit():
        with write_transaction():
            FeeRate.set_year(year, form.rates())
        flash(f"De tarieven voor {schooljaar_label(year)} zijn opgeslagen.", "success")
        return redirect(url_for("fees.overview", year=year), code=303)
    status = 422 if form.errors else 200
    return render_template("fees/rates.html", refused=None, **context), status
