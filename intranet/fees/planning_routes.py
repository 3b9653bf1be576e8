"""Fee views for what the projectleider plans: the begroting, agreements, billing addresses."""

from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user
from playhouse.flask_utils import get_object_or_404

from intranet.db import write_transaction
from intranet.fees.compute import fee_payers
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
    """Enter the begroting per line for a schooljaar."""
    year = known_year(year)
    form = BudgetForm.for_budget(BudgetLine.for_year(year))
    if form.validate_on_submit():
        with write_transaction():
            BudgetLine.set_year(year, form.amounts())
        flash(f"De begroting voor {schooljaar_label(year)} is opgeslagen.", "success")
        return redirect(url_for("fees.overview", year=year), code=303)
    status = 422 if form.errors else 200
    return render_template("fees/budget.html", form=form, **year_context(year)), status


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
