"""Account views."""

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user

from intranet import logs, mail, security, tokens
from intranet.auth import bp
from intranet.auth.forms import ChangePasswordForm, LoginForm, NewPasswordForm, ResetRequestForm
from intranet.clock import now
from intranet.db import db
from intranet.errors import error_page
from intranet.models import User


def _minutes(wait):
    return max(1, round(wait.total_seconds() / 60))


@bp.route("/inloggen", methods=["GET", "POST"])
def login():
    """Log in; repeated failures make the account and the address wait."""
    form = LoginForm()
    if form.validate_on_submit():
        wait = security.login_wait(form.email.data)
        if wait:
            form.email.errors.append(
                f"Te veel mislukte pogingen. Probeer het over {_minutes(wait)} minuten opnieuw."
            )
            return render_template("auth/login.html", form=form), 429
        user = User.by_email(form.email.data)
        if user and user.active and security.check_password(user, form.password.data):
            security.start_session(user, form.remember.data)
            logs.event("login", user_id=user.id)
            flash(f"Welkom, {user.name}.", "success")
            return redirect(security.safe_next(request.args.get("next")))
        security.record_failure(form.email.data)
        logs.event("login_failed", email=form.email.data.strip().lower())
        if user and not user.active and security.check_password(user, form.password.data):
            form.email.errors.append(
                "Dit account is niet actief. Neem contact op met de projectleider."
            )
        else:
            form.password.errors.append("Onbekende combinatie van e-mailadres en wachtwoord.")
    return render_template("auth/login.html", form=form)


@bp.post("/uitloggen")
def logout():
    """Log out here and everywhere else this account is logged in."""
    if current_user.is_authenticated:
        logs.event("logout", user_id=current_user.id)
        security.end_every_session(current_user)
    flash("U bent uitgelogd.", "info")
    return redirect(url_for("views.home"))


@bp.route("/wachtwoord-vergeten", methods=["GET", "POST"])
def forgot_password():
    """Mail a reset link; the answer is the same whether the address is known or not."""
    form = ResetRequestForm()
    if form.validate_on_submit():
        user = User.by_email(form.email.data)
        if user and user.active:
            with db.atomic():
                link = mail.external_url(
                    "auth.reset_password", token=tokens.make("password-reset", user.id)
                )
                mail.queue(
                    user.email, "Nieuw wachtwoord instellen", "password_reset", user=user, link=link
                )
        flash("Als dit adres bij ons bekend is, ontvangt u een e-mail met een link.", "info")
        return redirect(url_for("auth.login"))
    return render_template("auth/forgot.html", form=form)


@bp.route("/wachtwoord-herstellen/<token>", methods=["GET", "POST"])
def reset_password(token):
    """Set a new password through an e-mailed link that expires and works once."""
    max_age = current_app.config["PASSWORD_RESET_MAX_AGE"]
    try:
        payload = tokens.read("password-reset", token, max_age)
    except tokens.LinkError as error:
        return error_page(400, error.message)
    user = User.get_or_none(User.id == payload["s"])
    if user is None:
        return error_page(400, tokens.INVALID)
    form = NewPasswordForm()
    if form.validate_on_submit():
        try:
            with db.atomic():
                tokens.consume("password-reset", payload)
                security.set_password(user, form.password.data)
        except tokens.LinkError as error:
            return error_page(400, error.message)
        logs.event("password_reset", user_id=user.id)
        flash("Uw wachtwoord is ingesteld. U kunt nu inloggen.", "success")
        return redirect(url_for("auth.login"))
    return render_template("auth/reset.html", form=form, user=user)


@bp.route("/bevestigen/<token>")
def confirm_email(token):
    """Confirm an e-mail address through the link sent when the account was made."""
    max_age = current_app.config["EMAIL_CONFIRM_MAX_AGE"]
    try:
        payload = tokens.read("email-confirm", token, max_age)
        with db.atomic():
            tokens.consume("email-confirm", payload)
            User.update(email_confirmed_at=now()).where(User.id == payload["s"]).execute()
    except tokens.LinkError as error:
        return error_page(400, error.message)
    flash("Uw e-mailadres is bevestigd.", "success")
    return redirect(url_for("auth.login" if current_user.is_anonymous else "views.home"))


@bp.route("/account/wachtwoord", methods=["GET", "POST"])
@security.login_required
def change_password():
    """Change the password; every other session of this account ends."""
    form = ChangePasswordForm()
    if form.validate_on_submit():
        if not security.check_password(current_user, form.current.data):
            form.current.errors.append("Dit is niet uw huidige wachtwoord.")
        else:
            user = User.get_by_id(current_user.id)
            security.set_password(user, form.password.data)
            security.start_session(user, remember=False)
            logs.event("password_changed", user_id=user.id)
            flash("Uw wachtwoord is gewijzigd; andere sessies zijn beëindigd.", "success")
            return redirect(url_for("views.home"))
    return render_template("auth/change_password.html", form=form)
