"""Signing as organisations sign: naming the signer, their link, and paper signatures."""

from flask import flash, redirect, render_template, url_for
from flask_login import current_user

from intranet import htmx
from intranet.clock import today
from intranet.pages import Pages
from intranet.refusals import Refused
from intranet.rounds import signers
from intranet.rounds.forms import PaperSignForm, SignerForm, SignForm
from intranet.rounds.models import RenewalInvitation
from intranet.rounds.routes.invitation_pages import (
    _invitation,
    _page,
    _require_own,
    _stale,
    stale_message,
)
from intranet.security import role_required

pages = Pages()


def _done(invitation, message):
    """After a step: the answer block for htmx, else the page again with the message."""
    fresh = RenewalInvitation.with_context(invitation.id)
    if htmx.is_htmx():
        return _page(fresh, message=("success", message))
    flash(message, "success")
    return redirect(url_for("rounds.renewal", case_id=fresh.id), code=303)


def _refused(invitation, error):
    """A refused step changes nothing and says why on the page."""
    if error.status in (403, 404):
        raise error  # the one error answer
    fresh = RenewalInvitation.with_context(invitation.id)
    message = stale_message(fresh) or error.message
    return _page(fresh, message=("error", message), status=error.status)


@pages.post("/convenant/ondertekenen/<int:case_id>/ondertekenaar")
@role_required("contactpersoon")
def name_signer(case_id):
    """A contactpersoon names who signs; that person gets a single-use link by e-mail."""
    invitation = _invitation(RenewalInvitation, case_id)
    _require_own(invitation)
    form = SignerForm()
    if stale := _stale(invitation):
        return stale
    if not form.validate_on_submit():
        return _page(invitation, status=422, signer_form=form)
    try:
        signers.name_signer(
            invitation.id,
            current_user,
            form.delegate_name.data,
            form.delegate_function.data,
            form.delegate_email.data,
        )
    except Refused as refused:
        return _refused(invitation, refused)
    name = form.delegate_name.data.strip()
    return _done(
        invitation,
        f"{name} krijgt een e-mail met een persoonlijke link om namens "
        f"{invitation.organisation.name} te tekenen. U ziet hier wanneer dat gebeurd is.",
    )


@pages.post("/convenant/ondertekenen/<int:case_id>/papier")
@role_required("projectleider")
def record_paper(case_id):
    """The projectleider records a signature that came in on paper."""
    invitation = _invitation(RenewalInvitation, case_id)
    form = PaperSignForm(prefix="papier")
    if not form.validate_on_submit():
        return _page(invitation, status=422, paper_form=form)
    try:
        signers.record_paper(invitation.id, current_user, form.signature(), invitation.state)
    except Refused as refused:
        return _refused(invitation, refused)
    return _done(
        invitation,
        f"Vastgelegd: {invitation.organisation.name} heeft op papier getekend; "
        "de contactpersonen krijgen een bevestiging.",
    )


def _closed(refused):
    """The page a named signer sees when the link cannot be used (never a 500)."""
    return render_template("rounds/signer_closed.html", message=refused.message), refused.status


@pages.route("/convenant/tekenen/<token>", methods=["GET", "POST"])
def sign_by_link(token):
    """The named signer reads the convenant and signs, without an account."""
    try:
        payload, invitation = signers.open_link(token)
    except Refused as refused:
        return _closed(refused)
    form = SignForm(
        signer_name=invitation.delegate_name,
        signer_function=invitation.delegate_function,
        signed_on=today(),
    )
    if form.validate_on_submit():
        try:
            signers.sign_by_link(payload, invitation, form.signature())
        except Refused as refused:
            return _closed(refused)
        flash(
            f"Dank u wel. U heeft het convenant {invitation.round.period.name} getekend namens "
            f"{invitation.organisation.name}; de contactpersonen krijgen een bevestiging.",
            "success",
        )
        return redirect(url_for("rounds.signed"), code=303)
    status = 422 if form.is_submitted() else 200
    return render_template(
        "rounds/sign_by_link.html", invitation=invitation, form=form, token=token
    ), status


@pages.get("/convenant/getekend")
def signed():
    """After signing through a link: what happened, and that nothing more is needed."""
    return render_template("rounds/signed.html")
