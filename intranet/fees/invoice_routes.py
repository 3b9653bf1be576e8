"""Invoice views: a schooljaar's invoices, making them, one invoice (page and PDF), payment."""

from flask import abort, flash, make_response, redirect, render_template, url_for
from flask_login import current_user
from playhouse.flask_utils import get_object_or_404

from intranet.clock import today
from intranet.fees import invoicing
from intranet.fees.export import invoices_csv, invoices_filename
from intranet.fees.forms import CreditForm, PaidForm
from intranet.fees.invoice_workflow import WORKFLOW
from intranet.fees.invoices import STATES, Invoice
from intranet.fees.models import FeeRate
from intranet.fees.pdf import invoice_context, invoice_pdf
from intranet.fees.years import known_year, year_context
from intranet.pages import Pages
from intranet.refusals import Refused
from intranet.security import login_required, role_required
from intranet.workflows.models import AuditEvent

pages = Pages()


def _invoice_or_404(invoice_id):
    """The invoice if this person may see it: 404 if unknown, 403 if not theirs."""
    invoice = get_object_or_404(Invoice, Invoice.id == invoice_id)
    if not WORKFLOW.may_view(invoice, current_user):
        abort(403)
    return invoice


@pages.get("/<int:year>/facturen")
@role_required("projectleider")
def invoices(year):
    """A schooljaar's invoices, what one run would make now, and the button to make them."""
    year = known_year(year)
    return render_template(
        "fees/invoices.html",
        plan=invoicing.plan(year),
        refusal=invoicing.refusal(year),
        invoices=list(Invoice.of_year(year)),
        counts=Invoice.state_counts(year),
        states=STATES,
        **year_context(year),
    )


@pages.post("/<int:year>/facturen")
@role_required("projectleider")
def create_invoices(year):
    """Make the invoices of every partner that owes a contribution (once)."""
    year = known_year(year)
    made = invoicing.create_invoices(year, current_user)
    if made:
        flash(f"{len(made)} facturen gemaakt; ze worden verstuurd met de tijdsbewaking.", "success")
    else:
        flash(
            "Al afgehandeld: elke partner die een bijdrage verschuldigd is, heeft al een factuur."
        )
    return redirect(url_for("fees.invoices", year=year), code=303)


@pages.get("/facturen/<int:invoice_id>")
@login_required
def invoice(invoice_id):
    """One invoice as a printable page, with its status and, for the projectleider, actions."""
    invoice = _invoice_or_404(invoice_id)
    return render_template(
        "fees/invoice.html",
        paid_form=PaidForm(expected_state=invoice.state, paid_on=today()),
        credit_form=CreditForm(expected_state=invoice.state),
        events=list(AuditEvent.for_case(WORKFLOW.name, invoice.id)),
        **invoice_context(invoice),
    )


@pages.get("/facturen/<int:invoice_id>.pdf")
@login_required
def invoice_file(invoice_id):
    """One invoice as a PDF."""
    invoice = _invoice_or_404(invoice_id)
    response = make_response(invoice_pdf(invoice))
    response.mimetype = "application/pdf"
    response.headers["Content-Disposition"] = f'inline; filename="factuur-{invoice.number}.pdf"'
    return response


def _step(invoice_id, form, act):
    """Take a payment step: back to the invoice, or the reason it was refused."""
    invoice = get_object_or_404(Invoice, Invoice.id == invoice_id)
    if not form.validate_on_submit():
        raise Refused(" ".join(e for errors in form.errors.values() for e in errors))
    act(invoice, form)
    return redirect(url_for("fees.invoice", invoice_id=invoice.id), code=303)


@pages.post("/facturen/<int:invoice_id>/betaald")
@role_required("projectleider")
def pay(invoice_id):
    """Record the payment of an open invoice, with its date."""

    def act(invoice, form):
        invoicing.mark_paid(
            invoice.id, current_user, form.paid_on.data, form.expected_state.data or None
        )
        flash(f"Factuur {invoice.number} staat op betaald.", "success")

    return _step(invoice_id, PaidForm(), act)


@pages.post("/facturen/<int:invoice_id>/crediteren")
@role_required("projectleider")
def credit(invoice_id):
    """Credit an open invoice, with the reason."""

    def act(invoice, form):
        invoicing.credit(
            invoice.id, current_user, form.reason.data, form.expected_state.data or None
        )
        flash(f"Factuur {invoice.number} is gecrediteerd.", "success")

    return _step(invoice_id, CreditForm(), act)


@pages.get("/facturen")
@role_required("projectleider", "contactpersoon")
def my_invoices():
    """The invoices of this person's organisations; the projectleider also finds every year's."""
    return render_template(
        "fees/my_invoices.html",
        invoices=list(Invoice.of_organisations(current_user.organisation_ids)),
        years=FeeRate.years(),
    )


@pages.get("/<int:year>/facturen.csv")
@role_required("projectleider")
def invoices_export(year):
    """The schooljaar's invoices for the bookkeeper: semicolons, Dutch amounts, no formulas."""
    year = known_year(year)
    response = make_response(invoices_csv(Invoice.of_year(year)).encode("utf-8"))
    response.mimetype = "text/csv"
    response.charset = "utf-8"
    response.headers["Content-Disposition"] = f'attachment; filename="{invoices_filename(year)}"'
    return response
