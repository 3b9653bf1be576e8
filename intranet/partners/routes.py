"""Partner views: the public directory, 'my organisation', a partner's page and profile."""

from flask import flash, redirect, render_template, request, session, url_for
from flask_login import current_user

from intranet import htmx
from intranet.fees import rules
from intranet.models import MEMBERSHIP_TYPES, SECTORS, Contact, Organisation
from intranet.pages import Pages
from intranet.pagination import paginate
from intranet.partners.contacts import sole_primary
from intranet.partners.forms import InviteForm, ManagerProfileForm, ProfileForm
from intranet.partners.history import membership_history
from intranet.partners.profile import managed_organisation, update_profile
from intranet.refusals import Refused
from intranet.schooljaar import schooljaar_of
from intranet.security import login_required

pages = Pages()

PER_PAGE = 30
NOT_A_CONTACT = "U bent van geen enkele organisatie contactpersoon."


@pages.get("/")
def directory():
    """The current partners, public; filtered by sector and municipality (htmx or plain GET)."""
    sector = request.args.get("sector") if request.args.get("sector") in SECTORS else None
    municipality = request.args.get("gemeente", "").strip()[:100] or None
    name = " ".join(request.args.get("zoek", "").split())[:100]
    asked = {"zoek": name, "sector": sector, "gemeente": municipality}
    context = {
        "page": paginate(Organisation.directory(sector, municipality, name), PER_PAGE),
        "name": name,
        "sectors": SECTORS,
        "sector": sector,
        "municipality": municipality,
        "page_args": {key: value for key, value in asked.items() if value},  # as parsed
    }
    if not htmx.is_htmx():  # the page's own parts, not built for htmx
        # A visitor who only reads gets no CSRF token, so no session cookie (base.html).
        context["municipalities"] = Organisation.partner_municipalities()
        context["public_page"] = not current_user.is_authenticated and not session
    return htmx.render("partners/directory.html", "partners/_list.html", **context)


@pages.get("/mijn")
@login_required
def mine():
    """Send a contactpersoon to their organisation's page, or let them choose one."""
    organisations = list(Organisation.spoken_for_by(current_user))
    if len(organisations) == 1:
        return redirect(url_for("partners.show", organisation_id=organisations[0].id))
    if organisations:
        return render_template("partners/mine.html", organisations=organisations)
    if current_user.has_role("projectleider"):
        return redirect(url_for("partners.directory"))
    raise Refused(NOT_A_CONTACT, 403)


def page_context(organisation, form=None, message=None):
    """What a partner's page shows: profile, contactpersonen, history, open cases."""
    contacts = list(Contact.of_organisation(organisation))
    return {
        "organisation": organisation,
        "contacts": contacts,
        "sole_primary": sole_primary(contacts),
        "invite_form": form or InviteForm(formdata=None),
        "message": message,
        "history": membership_history(organisation),
        "fee_year": schooljaar_of(),
        "membership_types": MEMBERSHIP_TYPES,
        "counted": rules.counted(organisation.sector),
    }


def _profile_form(organisation, manager):
    """The profile form; the count is asked as what the sector counts, and not at all from
    the contactpersoon of a sector that counts nobody (the projectleider may change the
    sector, so keeps it)."""
    form = (ManagerProfileForm if manager else ProfileForm)(obj=organisation)
    what = rules.counted(organisation.sector)
    if what:
        form.pupil_count.label.text = f"Aantal {what}"
    elif not manager:
        del form.pupil_count
    return form


@pages.get("/<int:organisation_id>")
@login_required
def show(organisation_id):
    """A partner's own page, for its contactpersonen and the projectleider."""
    organisation = managed_organisation(organisation_id)
    return render_template("partners/show.html", **page_context(organisation))


@pages.route("/<int:organisation_id>/profiel", methods=["GET", "POST"])
@login_required
def edit_profile(organisation_id):
    """Edit the profile; the projectleider also edits name, sector and membership."""
    organisation = managed_organisation(organisation_id)
    manager = current_user.has_role("projectleider")
    form = _profile_form(organisation, manager)
    if form.validate_on_submit():
        try:
            update_profile(organisation, form)
        except Refused as refused:
            if refused.field is None:
                raise
            form[refused.field].errors.append(refused.message)
        else:
            flash("Het profiel is opgeslagen.", "success")
            return redirect(url_for("partners.show", organisation_id=organisation.id), code=303)
    status = 422 if form.errors else 200
    return render_template(
        "partners/edit_profile.html",
        form=form,
        organisation=organisation,
        manager=manager,
        counted=rules.counted(organisation.sector),
    ), status
