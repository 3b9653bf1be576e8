"""Invoice views: a schooljaar's invoices, making them, one invoice (page and PDF), payment."""

from flask import abort, flash, make_response, redirect, render_template, request, url_for
from flask_login import current_user
from playhouse.flask_utils import get_object_or_404

from intranet import confirm, htmx
from intranet.clock import today
from intranet.fees import invoicing
from intranet.fees.export import invoices_csv, invoices_filename
from intranet.fees.forms import CreditForm, PaidForm
from intranet.fees.invoice_workflow import WORKFLOW
from intranet.fees.invoices import LABELS, Invoice
from intranet.fees.models import FeeRate
from intranet.fees.pdf import invoice_context, invoice_pdf
from intranet.fees.years import known_year, year_context
from intranet.formats import count_of, day_numbers, euro
from intranet.pages import Pages
from intranet.refusals import Refused
from intranet.schooljaar import schooljaar_label
from intranet.security import login_required, role_required
from intranet.workflows import engine
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
        states=LABELS,
        **year_context(year),
    )


@pages.post("/<int:year>/facturen")
@role_required("projectleider")
def create_invoices(year):
    """Make the invoices of every partner that owes a contribution (once), after a
    confirmation that shows how many, the total, who gets none and why, and the e-mail."""
    year = known_year(year)
    if confirm.answer() == "nee":
        return redirect(url_for("fees.invoices", year=year), code=303)
    if confirm.answer() != "ja":
        refused = invoicing.refusal(year)
        if refused:
            raise Refused(refused, 409)
        return confirm.render(_confirmation(year, invoicing.plan(year)))
    made = invoicing.create_invoices(year, current_user, request.form.get("plan", ""))
    if made:
        flash(f"{len(made)} facturen gemaakt; ze worden verstuurd met de tijdsbewaking.", "success")
    else:
        flash(
            "Al afgehandeld: elke partner die een bijdrage verschuldigd is, heeft al een factuur."
        )
    return _back(url_for("fees.invoices", year=year))


def _confirmation(year, planned):
    """What the confirmation before invoicing shows."""
    label = schooljaar_label(year)
    invoices = count_of(len(planned.due), "factuur", "facturen")
    notes = [
        f"{invoices}, samen {euro(planned.total)}. Elke factuur gaat als PDF in de bijlage "
        "naar de contactpersoon (of de achtervang) van de partner."
    ]
    if planned.without:
        without = count_of(len(planned.without), "partner krijgt", "partners krijgen")
        notes.append(f"{without} nu geen factuur:")
        notes += [f"{item.organisation.name}: {reason}." for item, reason in planned.without]
    if planned.invoiced:
        had = count_of(planned.invoiced, "partner had", "partners hadden")
        notes.append(f"{had} al een factuur voor {label}.")
    return confirm.Confirmation(
        section_id="facturen-maken",
        title=f"Facturen {label} maken en versturen: weet u het zeker?",
        question=f"Er worden {len(planned.due)} genummerde facturen gemaakt en verstuurd.",
        button=f"Ja, {len(planned.due)} facturen maken en versturen",
        action=url_for("fees.create_invoices", year=year),
        fields={"plan": planned.fingerprint},
        recipients=[
            (d.organisation.name, f"{euro(d.amount)} · {d.contact.email}") for d in planned.due
        ],
        preview=invoicing.preview(planned),
        notes=notes,
        back_label="Terug, niets doen",
    )


@pages.get("/facturen/<int:invoice_id>")
@login_required
def invoice(invoice_id):
    """One invoice as a printable page, with its status and, for the projectleider, actions."""
    return _invoice_page(_invoice_or_404(invoice_id))


def _invoice_page(invoice, paid_form=None, credit_form=None, status=200):
    """The invoice page; with htmx after a failed step only its actions section."""
    return htmx.render(
        "fees/invoice.html",
        "fees/_invoice_actions.html",
        status_code=status,
        paid_form=paid_form
        or PaidForm(formdata=None, expected_state=invoice.state, paid_on=today()),
        credit_form=credit_form or CreditForm(formdata=None, expected_state=invoice.state),
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
    response.headers["Content-Disposition"] = f'inline; filename="{invoice.filename}"'
    return response


def _step(invoice_id, form, trigger, ask, act):
    """Take a payment step after a confirmation: back to the invoice, or the invoice page
    again with the message at the field that is wrong (422), nothing changed."""
    invoice = get_object_or_404(Invoice, Invoice.id == invoice_id)
    back = url_for("fees.invoice", invoice_id=invoice.id)
    if confirm.answer() == "nee":
        return _back(back)
    paying = isinstance(form, PaidForm)
    main = form.paid_on if paying else form.reason
    if form.validate_on_submit():
        try:
            engine.check(
                WORKFLOW,
                invoice,
                trigger,
                current_user,
                expected_state=form.expected_state.data or None,
                comment="" if paying else form.reason.data,
                data={"paid_on": form.paid_on.data} if paying else None,
            )
        except engine.WorkflowError as error:
            if error.status != 422:
                raise  # 403, 404, 409: the one error answer (intranet/errors.py)
            main.errors = [*main.errors, error.message]
    if form.errors:
        token = getattr(form, "csrf_token", None)
        if token is not None and token.errors:
            raise Refused(" ".join(token.errors))
        forms = {"paid_form" if paying else "credit_form": form}
        return _invoice_page(invoice, status=422, **forms)
    if confirm.answer() != "ja":
        return confirm.render(ask(invoice, form))
    act(invoice, form)
    return _back(back)


def _back(url):
    """To the invoice: a 303 for the browser, HX-Redirect for htmx."""
    return htmx.redirect_to(url) if htmx.sent_by_htmx() else redirect(url, code=303)


@pages.post("/facturen/<int:invoice_id>/betaald")
@role_required("projectleider")
def pay(invoice_id):
    """Record the payment of an open invoice, with its date (after a confirmation)."""

    def ask(invoice, form):
        unsent = invoicing.unsent(invoice)
        return confirm.Confirmation(
            section_id="invoice-actions",
            title=f"Factuur {invoice.number} op betaald zetten: weet u het zeker?",
            question=(
                f"Factuur {invoice.number} ({euro(invoice.total)}) staat daarna op betaald per "
                f"{day_numbers(form.paid_on.data)}; er gaat geen herinnering meer uit."
            ),
            button="Ja, betaald",
            action=url_for("fees.pay", invoice_id=invoice.id),
            fields=confirm.form_values(form),
            notes=[UNSENT_PAID] if unsent else [],
            back_label="Terug, niets doen",
        )

    def act(invoice, form):
        invoicing.mark_paid(
            invoice.id, current_user, form.paid_on.data, form.expected_state.data or None
        )
        flash(f"Factuur {invoice.number} staat op betaald.", "success")

    return _step(invoice_id, PaidForm(), "betalen", ask, act)


UNSENT_PAID = (
    "De e-mail met deze factuur is nog niet verstuurd; hij gaat dan niet meer uit (een "
    "betaalde factuur vragen we niet nog eens te betalen)."
)


@pages.post("/facturen/<int:invoice_id>/crediteren")
@role_required("projectleider")
def credit(invoice_id):
    """Credit an open invoice, with the reason: a credit note (after a confirmation)."""

    def ask(invoice, form):
        recipients = (
            [(invoice.contact_name, invoice.contact_email)] if invoice.contact_email else []
        )
        return confirm.Confirmation(
            section_id="invoice-actions",
            title=f"Factuur {invoice.number} crediteren: weet u het zeker?",
            question=(
                f"Factuur {invoice.number} wordt gecrediteerd met een creditnota van "
                f"{euro(-invoice.total)}, met het volgende nummer van {invoice.schooljaar}; "
                "de partner hoeft de factuur dan niet te betalen."
            ),
            button="Ja, crediteren",
            action=url_for("fees.credit", invoice_id=invoice.id),
            fields=confirm.form_values(form),
            recipients=recipients,
            notes=[f"Reden: {form.reason.data}"],
            back_label="Terug, niets doen",
        )

    def act(invoice, form):
        invoicing.credit(
            invoice.id, current_user, form.reason.data, form.expected_state.data or None
        )
        flash(f"Factuur {invoice.number} is gecrediteerd met een creditnota.", "success")

    return _step(invoice_id, CreditForm(), "crediteren", ask, act)


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
