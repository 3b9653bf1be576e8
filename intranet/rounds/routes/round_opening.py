"""Opening a round from the period page: checked, confirmed (whom it mails), then done."""

from flask import flash, redirect, url_for
from flask_login import current_user

from intranet import confirm
from intranet.formats import day_numbers
from intranet.pages import Pages
from intranet.refusals import Refused
from intranet.rounds import opening, previews
from intranet.rounds.forms import RoundForm
from intranet.rounds.models import ROUND_KINDS
from intranet.rounds.routes.period_pages import _period_or_404, _period_page
from intranet.security import role_required

pages = Pages()


@pages.post("/convenant/periode/<int:case_id>/ondertekenronde")
@role_required("projectleider")
def open_renewal(case_id):
    """Open the signing round: every current partner is invited to sign (after confirming)."""
    return _open(case_id, "renewal")


@pages.post("/convenant/periode/<int:case_id>/vriendenronde")
@role_required("projectleider")
def open_vriend(case_id):
    """Start the vriend round: every partner that is not a LEF partner (after confirming)."""
    return _open(case_id, "vriend")


OPEN = {
    "renewal": (opening.check_renewal, opening.open_renewal_round, "open_renewal"),
    "vriend": (opening.check_vriend, opening.open_vriend_round, "open_vriend"),
}


def _open(case_id, kind):
    period = _period_or_404(case_id)
    check, open_round, endpoint = OPEN[kind]
    form = RoundForm(prefix=kind)
    forms = {f"{kind}_form": form}
    if form.validate_on_submit():
        try:
            check(period, form.deadline.data)
            if confirm.answer() is None:
                return _confirmation(period, kind, form, endpoint)
            if confirm.answer() == "nee":
                return _period_page(period, **forms)
            round_ = open_round(period, current_user, form.deadline.data)
        except Refused as refused:
            if refused.field is None:
                return _period_page(period, status=422, notice=refused.message)
            form[refused.field].errors.append(refused.message)
        else:
            flash(_opened(round_), "success")
            return redirect(url_for("rounds.round_page", round_id=round_.id), code=303)
    return _period_page(period, status=422, **forms)


def _confirmation(period, kind, form, endpoint):
    """Before a round mails every partner: whom, and the message."""
    count, recipients, preview, without = previews.round_preview(
        period, kind, current_user, form.deadline.data
    )
    label = ROUND_KINDS[kind].lower()
    notes = [f"{without} van hen hebben geen contactpersoon en krijgen geen e-mail."] * bool(
        without
    )
    return confirm.render(
        confirm.Confirmation(
            section_id=f"{kind}-section",
            title=f"{ROUND_KINDS[kind]} openen voor {period.name}?",
            question=(
                f"U nodigt {count} {'organisatie' if count == 1 else 'organisaties'} uit; "
                f"reageren kan tot en met "
                f"{day_numbers(form.deadline.data)}. Hun contactpersonen krijgen nu een e-mail en "
                "herinneringen tot de termijn verstrijkt."
            ),
            button=f"Ja, {label} openen en e-mails versturen",
            action=url_for(f"rounds.{endpoint}", case_id=period.id),
            fields=confirm.form_values(form),
            recipients=recipients,
            preview=preview,
            notes=notes,
        )
    )


def _opened(round_):
    """What opening did, in words."""
    invited = (
        round_.invitation_model.select().where(round_.invitation_model.round == round_).count()
    )
    who = "1 organisatie is" if invited == 1 else f"{invited} organisaties zijn"
    return f"{round_.label} is geopend: {who} uitgenodigd; de contactpersonen krijgen een e-mail."
