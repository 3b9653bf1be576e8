"""The vrienden of LEF: the list, and a mailing to all their contactpersonen."""

from flask import flash, redirect, render_template, url_for

from intranet.models import Organisation
from intranet.rounds import bp
from intranet.rounds.forms import MailingForm
from intranet.rounds.models import contacts_of, vriend_organisations
from intranet.rounds.opening import send_vriend_mailing
from intranet.security import role_required


def _page(form, status=200):
    organisations = vriend_organisations().order_by(Organisation.name)
    contacts = {}
    for organisation, user in contacts_of(organisations.select(Organisation.id)):
        contacts.setdefault(organisation.id, []).append(user)
    return render_template(
        "rounds/vrienden.html", organisations=organisations, contacts=contacts, form=form
    ), status


@bp.get("/convenant/vrienden")
@role_required("projectleider")
def vrienden():
    """Every vriend of LEF with its contactpersonen, and the mailing form."""
    return _page(MailingForm())


@bp.post("/convenant/vrienden/mailing")
@role_required("projectleider")
def mailing():
    """Send a message (a meeting on Talentontwikkeling, say) to every vriend contactpersoon."""
    form = MailingForm()
    if not form.validate_on_submit():
        return _page(form, status=422)
    count = send_vriend_mailing(form.subject.data.strip(), form.body.data.strip())
    if count:
        flash(f"Het bericht staat klaar voor {count} contactpersonen (outbox).", "success")
    else:
        flash("Er zijn nog geen vrienden met een contactpersoon; er is niets verstuurd.", "info")
    return redirect(url_for("rounds.vrienden"), code=303)
