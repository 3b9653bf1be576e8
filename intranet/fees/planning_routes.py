"""Fee views for what the projectleider plans: the begroting, agreements, billing addresses."""

from flask import abort, flash, make_response, redirect, render_template, url_for
from flask_login import current_user
from playhouse.flask_utils import get_object_or_404

from intranet.db import write_transaction
from intranet.fees.begroting import begroting
from intranet.fees.compute import fee_payers
from intranet.fees.export import begroting_csv
from intranet.fees.forms import AgreementForm, BillingForm, BudgetForm
from intranet.fees.invoices import BillingAddress
from intranet.fees.models import BudgetLine, FeeAgreement
from intranet.fees.years import known_year, year_context
from intranet.models import Organisation
from intranet.pages import Pages
from intranet.schooljaar import schooljaar_label
from intranet.security import login_required, role_required

pages = Pages()


@pages.route("/<int:year>/begroting", methods=["GET", "POST"])
@role_required("projectleider")
def budget(year):
    """The whole begroting of a schooljaar: budget, actual and difference per line, the
    result; the projectleider enters the budgets and the actuals that are not invoiced."""
    year = known_year(year)
    shown = begroting(year)
    computed = {line.key for s in shown.sections.values() for line in s.lines if line.computed}
    form = BudgetForm.for_budget(BudgetLine.for_year(year), BudgetLine.actuals_of(year), computed)
    if form.validate_on_submit():
        with write_transaction():
            BudgetLine.set_year(year, form.amounts(), form.actuals())
        flash(f"De begroting voor {schooljaar_label(year)} is opgeslagen.", "success")
        return redirect(url_for("fees.budget", year=year), code=303)
    status = 422 if form.errors else 200
    return render_template(
        "fees/budget.html", form=form, begroting=shown, **year_context(year)
    ), status


@pages.get("/<int:year>/begroting.csv")
@role_required("projectleider")
def budget_export(year):
    """The begroting for the bookkeeper: semicolons, Dutch amounts, UTF-8 with BOM."""
    year = known_year(year)
    response = make_response(begroting_csv(begroting(year)).encode("utf-8"))
    response.mimetype = "text/csv"
    response.charset = "utf-8"
    response.headers["Content-Disposition"] = (
        f'attachment; filename="begroting-{schooljaar_label(year)}.csv"'
    )
    return response


@pages.route("/<int:year>/afspraken", methods=["GET", "POST"])
@role_required("projectleider")
def agreements(year):
    """A schooljaar's agreed amounts and contributions in natura; add or replace one."""
    year = known_year(year)
    form = AgreementForm()
    form.organisation.choices = [(o.id, o.name) for o in fee_payers(year)]
    if form.validate_on_submit():
        organisation = Organisation.get_by_id(form.organisation.data)
        with write_transaction():
            FeeAgreement.set(
                organisation, year, form.kind.data, form.amount.data, form.note.data or ""
            )
        flash(f"De afspraak met {organisation.name} is opgeslagen.", "success")
        return redirect(url_for("fees.agreements", year=year), code=303)
    return render_template(
        "fees/agreements.html",
        form=form,
        listed=list(FeeAgreement.listed(year)),
        **year_context(year),
    ), (422 if form.errors else 200)


@pages.post("/<int:year>/afspraken/<int:agreement_id>/verwijderen")
@role_required("projectleider")
def remove_agreement(year, agreement_id):
    """Remove an agreement: the partner then pays by the rules again."""
    year = known_year(year)
    with write_transaction():
        removed = (
            FeeAgreement.delete()
            .where(FeeAgreement.id == agreement_id, FeeAgreement.schooljaar == year)
            .execute()
        )
    flash(
        "De afspraak is verwijderd." if removed else "Deze afspraak was al verwijderd.", "success"
    )
    return redirect(url_for("fees.agreements", year=year), code=303)


@pages.route("/factuuradres/<int:organisation_id>", methods=["GET", "POST"])
@login_required
def billing(organisation_id):
    """Where a partner's invoices go; the projectleider or the partner's contacts keep it."""
    organisation = get_object_or_404(Organisation, Organisation.id == organisation_id)
    if not (
        current_user.has_role("projectleider") or organisation.id in current_user.organisation_ids
    ):
        abort(403)
    stored = BillingAddress.of(organisation)
    form = BillingForm(obj=stored)
    if form.validate_on_submit():
        with write_transaction():
            BillingAddress.set(organisation, form.address.data, form.reference.data or "")
        flash("Het factuuradres is opgeslagen; het geldt voor de volgende facturen.", "success")
        return redirect(url_for("fees.billing", organisation_id=organisation.id), code=303)
    status = 422 if form.errors else 200
    return render_template("fees/billing.html", form=form, organisation=organisation), status
