"""The jaargesprekken: every partner's conversation of a schooljaar, planned and held."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from intranet.models import Organisation
from intranet.network import jaargesprek
from intranet.network.forms import JaargesprekForm
from intranet.network.netwerkjaar_workflow import ensure_year
from intranet.pages import Pages
from intranet.schooljaar import schooljaar_label
from intranet.security import role_required

pages = Pages()

FIRST_YEAR = 2018


def _year():
    """The schooljaar asked for (?jaar=2025), or the current one; nonsense is a 404."""
    raw = request.args.get("jaar", "")
    if not raw:
        return jaargesprek.current_year()
    if not raw.isdecimal() or not FIRST_YEAR <= int(raw) <= jaargesprek.current_year() + 1:
        abort(404)
    return int(raw)


@pages.get("/jaargesprekken/")
@role_required("projectleider")
def jaargesprekken():
    """Every partner with its jaargesprek of the schooljaar (or none yet)."""
    year = _year()
    rows = jaargesprek.overview(year)
    done = sum(1 for _, talk in rows if talk)
    return render_template(
        "network/jaargesprekken.html",
        rows=rows,
        year=year,
        year_label=schooljaar_label(year),
        done=done,
        years=range(jaargesprek.current_year(), FIRST_YEAR - 1, -1),
    )


@pages.route("/jaargesprekken/<int:organisation_id>", methods=["GET", "POST"])
@role_required("projectleider")
def jaargesprek_page(organisation_id):
    """Plan a partner's jaargesprek, or record notes and follow-ups once it is held."""
    organisation = Organisation.get_or_none(Organisation.id == organisation_id)
    if organisation is None:
        abort(404)
    year = _year()
    talk = jaargesprek.Jaargesprek.of(organisation.id, year)
    form = JaargesprekForm(obj=talk)
    if request.method == "GET" and talk:
        form.held.data = talk.state == jaargesprek.GEHOUDEN
    if form.validate_on_submit():
        ensure_year(year, current_user._get_current_object())
        jaargesprek.save(
            organisation,
            year,
            current_user,
            planned_on=form.planned_on.data,
            who=form.who.data.strip(),
            held_on=form.planned_on.data if form.held.data else None,
            notes=form.notes.data or "",
            follow_ups=form.follow_ups.data or "",
        )
        flash(f"Jaargesprek met {organisation.name} opgeslagen.", "success")
        return redirect(url_for("network.jaargesprekken", jaar=year), code=303)
    status = 422 if form.errors else 200
    return render_template(
        "network/jaargesprek.html",
        organisation=organisation,
        talk=talk,
        form=form,
        year=year,
        year_label=schooljaar_label(year),
    ), status
