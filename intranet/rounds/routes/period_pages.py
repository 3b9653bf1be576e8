"""The projectleider's convenant pages: periods, and opening their rounds."""

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user
from playhouse.flask_utils import get_object_or_404

from intranet.clock import today
from intranet.forms import unique
from intranet.models import Organisation
from intranet.pages import Pages
from intranet.rounds import continuation_workflow, opening, periods
from intranet.rounds.forms import PeriodForm, RoundForm
from intranet.rounds.models import ConvenantPeriod, rounds_in_progress
from intranet.rounds.period_workflow import WORKFLOW
from intranet.rounds.periods import demo_note
from intranet.security import role_required

pages = Pages()


def _period_or_404(case_id):
    return get_object_or_404(ConvenantPeriod, ConvenantPeriod.id == case_id)


@pages.get("/convenant/")
@role_required("projectleider")
def index():
    """Every convenant period and the rounds that are running."""
    return render_template(
        "rounds/index.html",
        periods=ConvenantPeriod.overview(),
        running=rounds_in_progress(),
        decision_labels=continuation_workflow.STATES,
        demo_note=demo_note(),
    )


NAME_TAKEN = "Er is al een periode met deze naam."


@pages.route("/convenant/periode/nieuw", methods=["GET", "POST"])
@role_required("projectleider")
def new_period():
    """Create the next convenant period."""
    form = PeriodForm()
    if not form.is_submitted():
        form.text.data = periods.draft_text()
    if _previewing():
        return _form_page(form, None)
    if form.validate_on_submit():
        values = {name: getattr(form, name).data for name in periods.FIELDS}
        with unique(form.name, NAME_TAKEN) as clash:
            period = periods.create_period(current_user, **values)
        if not clash.failed:
            flash(f"Periode ‘{period.name}’ aangemaakt.", "success")
            return redirect(url_for("rounds.period", case_id=period.id), code=303)
    return _form_page(form, None, 422 if form.is_submitted() else 200)


def _previewing():
    """True when the form was sent with 'Voorbeeld bekijken' rather than 'Opslaan'."""
    return request.method == "POST" and request.form.get("actie") == "voorbeeld"


def _form_page(form, period, status=200):
    """The period form; after 'Voorbeeld bekijken' with the text as it will look (unsaved)."""
    preview = form.text.data if _previewing() else None
    return render_template(
        "rounds/period_form.html", form=form, period=period, preview=preview
    ), status


@pages.post("/convenant/voorbeeld")
@role_required("projectleider")
def preview_text():
    """The convenant text as it will look, for htmx beside the form (nothing is saved)."""
    return render_template("rounds/_text_preview.html", preview=request.form.get("text", ""))


@pages.route("/convenant/periode/<int:case_id>/bewerken", methods=["GET", "POST"])
@role_required("projectleider")
def edit_period(case_id):
    """Change a period that has not started and has no signing round yet."""
    period = _period_or_404(case_id)
    refusal = periods.edit_refusal(period)
    if refusal:
        flash(refusal, "error")
        return redirect(url_for("rounds.period", case_id=period.id), code=303)
    form = PeriodForm(obj=period, period=period)
    if _previewing():
        return _form_page(form, period)
    if form.validate_on_submit():
        values = {name: getattr(form, name).data for name in periods.FIELDS}
        with unique(form.name, NAME_TAKEN) as clash:
            periods.update_period(period, **values)
        if not clash.failed:
            flash("De periode is bijgewerkt.", "success")
            return redirect(url_for("rounds.period", case_id=period.id), code=303)
    return _form_page(form, period, 422 if form.is_submitted() else 200)


def _period_page(period, renewal_form=None, vriend_form=None, status=200, notice=None):
    renewal_form = renewal_form or RoundForm(
        prefix="renewal", deadline=period.signing_deadline, formdata=None
    )
    return render_template(
        "rounds/period.html",
        period=period,
        workflow=WORKFLOW,
        decision=period.decision,
        decision_labels=continuation_workflow.STATES,
        renewal=period.round("renewal"),
        vriend=period.round("vriend"),
        renewal_refusal=opening.renewal_refusal(period),
        vriend_refusal=opening.vriend_refusal(period),
        edit_refusal=periods.edit_refusal(period),
        renewal_form=renewal_form,
        vriend_form=vriend_form or RoundForm(prefix="vriend", formdata=None),
        members=list(period.members().order_by(Organisation.name)),
        today=today(),
        notice=notice,
    ), status


@pages.get("/convenant/periode/<int:case_id>")
@role_required("projectleider")
def period(case_id):
    """A period: its dates, decision, partners and rounds."""
    return _period_page(_period_or_404(case_id))
