"""The vrienden of LEF: the list, and a mailing to all their contactpersonen."""

from flask import flash, redirect, render_template, url_for

from intranet import confirm
from intranet.formats import count_of
from intranet.models import Organisation
from intranet.pages import Pages
from intranet.rounds.forms import MailingForm
from intranet.rounds.models import contacts_of, vriend_organisations
from intranet.rounds.opening import send_vriend_mailing
from intranet.rounds.previews import mailing_notes, mailing_preview
from intranet.security import role_required

pages = Pages()


def _page(form, status=200):
    organisations = vriend_organisations().order_by(Organisation.name)
    contacts = {}
    for organisation, user in contacts_of(organisations.select(Organisation.id)):
        contacts.setdefault(organisation.id, []).append(user)
    return render_template(
        "rounds/vrienden.html", organisations=organisations, contacts=contacts, form=form
    ), status


def _people(count):
    return count_of(count, "contactpersoon", "contactpersonen")


@pages.get("/convenant/vrienden")
@role_required("projectleider")
def vrienden():
    """Every vriend of LEF with its contactpersonen, and the mailing form."""
    return _page(MailingForm())


@pages.post("/convenant/vrienden/mailing")
@role_required("projectleider")
def mailing():
    """Send a message (a meeting on Talentontwikkeling, say) to every vriend contactpersoon,
    after confirming whom it reaches and how it reads."""
    form = MailingForm()
    if not form.validate_on_submit():
        return _page(form, status=422)
    subject, body = form.subject.data.strip(), form.body.data.strip()
    if confirm.answer() == "nee":
        return _page(form)
    if confirm.answer() is None:
        recipients, preview = mailing_preview(subject, body)
        return confirm.render(
            confirm.Confirmation(
                section_id="mailing-section",
                title="Bericht aan alle vrienden versturen?",
                question=f"Het bericht ‘{subject}’ gaat naar {_people(len(recipients))}.",
                button="Ja, versturen",
                action=url_for("rounds.mailing"),
                fields=confirm.form_values(form),
                recipients=recipients,
                preview=preview,
                notes=mailing_notes(body),
            )
        )
    count = send_vriend_mailing(subject, body)
    if count:
        flash(f"Het bericht ‘{subject}’ is onderweg naar {_people(count)}.", "success")
    else:
        flash("Er zijn nog geen vrienden met een contactpersoon; er is niets verstuurd.", "info")
    return redirect(url_for("rounds.vrienden"), code=303)
