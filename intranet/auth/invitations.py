"""The page of an invitation link, for an account (people) and a contactpersoon (partners)."""

from flask import current_app, flash, redirect, render_template, url_for

from intranet import security, tokens
from intranet.auth.accounts import accept_invitation
from intranet.auth.forms import NewPasswordForm


def accept_page(purpose, token, landing, invited_as=None):
    """Choose a password through the e-mailed link, be logged in and land on `landing`."""
    max_age = current_app.config["PARTNER_INVITE_MAX_AGE"]
    payload = tokens.read(purpose, token, max_age)  # refused: the one error answer
    user = security.account_of_link(purpose, payload)
    form = NewPasswordForm()
    if form.validate_on_submit():
        accept_invitation(purpose, payload, user, form.password.data)
        flash(f"Welkom, {user.name}. Uw wachtwoord is ingesteld.", "success")
        return redirect(url_for(landing), code=303)
    return render_template("auth/accept_invite.html", form=form, user=user, invited_as=invited_as)
