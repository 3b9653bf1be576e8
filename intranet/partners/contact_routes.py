"""Contactpersonen views: invite, achtervang, remove, and accepting an invitation."""

from flask import flash, redirect, url_for
from flask_login import current_user

from intranet import htmx
from intranet.auth import invitations
from intranet.pages import Pages
from intranet.partners import contacts
from intranet.partners.forms import InviteForm
from intranet.partners.profile import managed_organisation
from intranet.partners.routes import page_context
from intranet.refusals import Refused
from intranet.security import login_required

pages = Pages()


def _answer(organisation, message, status=200, form=None):
    """The contactpersonen block with a message (htmx or a refusal), else back to the page."""
    if status < 400 and not htmx.is_htmx():
        flash(message, "success")
        return redirect(url_for("partners.show", organisation_id=organisation.id), code=303)
    category = "success" if status < 400 else "error"
    notice = (category, message) if message else None
    context = page_context(organisation, form=form, message=notice)
    return htmx.render(
        "partners/show.html", "partners/_contacts.html", status_code=status, **context
    )


@pages.post("/<int:organisation_id>/contactpersonen")
@login_required
def invite_contact(organisation_id):
    """Invite a colleague by e-mail as contactpersoon or achtervang."""
    organisation = managed_organisation(organisation_id)
    form = InviteForm()
    if form.validate():
        try:
            user = contacts.invite(
                organisation, form.name.data, form.email.data, form.kind.data, current_user
            )
        except Refused as refused:
            form.email.errors.append(refused.message)
        else:
            role = "achtervang" if form.kind.data == "achtervang" else "contactpersoon"
            message = f"{user.name} is toegevoegd als {role}; er is een e-mail verstuurd."
            return _answer(organisation, message)
    return _answer(organisation, None, 422, form=form)  # the errors stand at the fields


def _change(organisation_id, contact_id, change, done):
    """Apply a change to one contact and answer with the result or the refusal."""
    organisation = managed_organisation(organisation_id)
    try:
        contact = change(organisation, contact_id)
    except Refused as refused:
        return _answer(organisation, refused.message, refused.status)
    removed_self = change is contacts.remove and contact.user_id == current_user.id
    if removed_self and not current_user.has_role("projectleider"):  # the page is not theirs now
        flash(f"U bent geen contactpersoon meer van {organisation.name}.", "success")
        return htmx.redirect_to(url_for("views.home"))
    return _answer(organisation, done.format(name=contact.user.name))


@pages.post("/<int:organisation_id>/contactpersonen/<int:contact_id>/achtervang")
@login_required
def make_achtervang(organisation_id, contact_id):
    """Make someone the achtervang (the earlier achtervang becomes a contactpersoon)."""
    return _change(
        organisation_id, contact_id, contacts.make_achtervang, "{name} is nu achtervang."
    )


@pages.post("/<int:organisation_id>/contactpersonen/<int:contact_id>/contactpersoon")
@login_required
def make_primary(organisation_id, contact_id):
    """Make the achtervang an ordinary contactpersoon."""
    return _change(
        organisation_id, contact_id, contacts.make_primary, "{name} is nu contactpersoon."
    )


@pages.post("/<int:organisation_id>/contactpersonen/<int:contact_id>/verwijderen")
@login_required
def remove_contact(organisation_id, contact_id):
    """Remove someone; the last contactpersoon stays."""
    return _change(organisation_id, contact_id, contacts.remove, "{name} is verwijderd.")


@pages.route("/uitnodiging/<token>", methods=["GET", "POST"])
def accept_invite(token):
    """A new contactpersoon chooses a password through the e-mailed link, and is logged in."""
    return invitations.accept_page(
        contacts.INVITE, token, landing="partners.mine", invited_as="contactpersoon"
    )
