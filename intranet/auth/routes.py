"""Account views."""

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user
from peewee import fn

from intranet import logs, mail, security, throttle, tokens
from intranet.auth import accounts
from intranet.auth.forms import (
    ChangePasswordForm,
    ConfirmForm,
    LoginForm,
    NewPasswordForm,
    ResetRequestForm,
)
from intranet.clock import now
from intranet.db import db
from intranet.models import User

bp = Blueprint("auth", __name__)

TOO_MANY = "Te veel mislukte pogingen. Probeer het over {minutes} minuten opnieuw."
TOO_MANY_MAILS = (
    "U heeft al een paar keer een link gevraagd. Probeer het over {minutes} minuten opnieuw."
)


@bp.route("/inloggen", methods=["GET", "POST"])
def login():
    """Log in; repeated failures make the client (not the account's owner) wait."""
    form = LoginForm()
    if form.validate_on_submit():
        try:
            user, problem = security.authenticate(form.email.data, form.password.data)
        except throttle.Throttled as throttled:
            form.email.errors.append(TOO_MANY.format(minutes=throttled.minutes))
            return render_template("auth/login.html", form=form), 429
        if problem is None:
            security.start_session(user, form.remember.data)
            logs.event("login", user_id=user.id)
            flash(f"Welkom, {user.name}.", "success")
            return redirect(security.safe_next(request.args.get("next")))
        logs.event("login_failed", email=form.email.data.strip().lower())
        if problem == security.BY_MAIL:
            if user is not None:
                with db.atomic():
                    security.send_login_link(user)
            return render_template("auth/login.html", form=form, by_mail=security.BY_MAIL)
        field = form.email if problem == security.INACTIVE else form.password
        field.errors.append(problem)
    return render_template("auth/login.html", form=form)


@bp.route("/inloggen/link/<token>", methods=["GET", "POST"])
def login_by_link(token):
    """Log in with the one-time link mailed past the account-wide limit (a button: a mail
    scanner's GET spends nothing); this browser is a known client of the account after."""
    payload = tokens.read(security.LOGIN_LINK, token, current_app.config["LOGIN_LINK_MAX_AGE"])
    user = security.account_of_link(security.LOGIN_LINK, payload)
    form = ConfirmForm()
    if not form.validate_on_submit():
        return render_template("auth/login_link.html", form=form, user=user)
    with db.atomic():
        tokens.consume(security.LOGIN_LINK, payload)
        throttle.login_succeeded(user.email)
    security.start_session(user, remember=False)
    logs.event("login", user_id=user.id, by="link")
    flash(f"Welkom, {user.name}.", "success")
    return redirect(url_for("views.home"))


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
        try:
            throttle.hit("password-reset", form.email.data)
        except throttle.Throttled as throttled:
            form.email.errors.append(TOO_MANY_MAILS.format(minutes=throttled.minutes))
            return render_template("auth/forgot.html", form=form), 429
        user = User.by_email(form.email.data)
        known = user is not None and user.active
        try:  # an unknown address does the same work, and its transaction is rolled back
            with db.atomic():
                _queue_reset_mail(user if known else _decoy(form.email.data))
                if not known:
                    raise _NoSuchAccount
        except _NoSuchAccount:
            pass
        flash("Als dit adres bij ons bekend is, ontvangt u een e-mail met een link.", "info")
        return redirect(url_for("auth.login"))
    return render_template("auth/forgot.html", form=form)


class _NoSuchAccount(Exception):
    """Rolls back the decoy reset mail of an address without an (active) account."""


def _decoy(email):
    """An unsaved account for an unknown address: its mail is written, then rolled back."""
    return User(id=0, email=email.strip().lower(), name="", password_hash=None)


def _queue_reset_mail(user):
    token = security.account_link("password-reset", user)
    link = mail.external_url("auth.reset_password", token=token)
    mail.queue(user.email, "Nieuw wachtwoord instellen", "password_reset", user=user, link=link)


@bp.route("/wachtwoord-herstellen/<token>", methods=["GET", "POST"])
def reset_password(token):
    """Set a new password through an e-mailed link: it expires, works once, and dies with
    the password it was sent for (a newer link used, a password changed) or the account."""
    max_age = current_app.config["PASSWORD_RESET_MAX_AGE"]
    payload = tokens.read("password-reset", token, max_age)  # refused: the one error answer
    user = security.account_of_link("password-reset", payload)
    form = NewPasswordForm()
    if form.validate_on_submit():
        with db.atomic():
            tokens.consume("password-reset", payload)
            security.set_password(user, form.password.data)
            # the link came by mail to this address: that confirms it
            User.update(email_confirmed_at=fn.COALESCE(User.email_confirmed_at, now())).where(
                User.id == user.id
            ).execute()
        logs.event("password_reset", user_id=user.id)
        flash("Uw wachtwoord is ingesteld. U kunt nu inloggen.", "success")
        return redirect(url_for("auth.login"))
    return render_template("auth/reset.html", form=form, user=user)


@bp.route("/bevestigen/<token>", methods=["GET", "POST"])
def confirm_email(token):
    """Confirm an e-mail address with a button (a mail scanner's GET spends nothing). In the
    account's own session the button is enough; anyone else holding the link chooses the
    password, so whoever made the account for this address loses it."""
    max_age = current_app.config["EMAIL_CONFIRM_MAX_AGE"]
    payload = tokens.read(accounts.CONFIRM, token, max_age)  # refused: the one error answer
    user = security.account_of_link(accounts.CONFIRM, payload)
    own = current_user.is_authenticated and current_user.id == user.id
    form = ConfirmForm() if own else NewPasswordForm()
    if not form.validate_on_submit():
        status = 422 if form.errors else 200
        return render_template("auth/confirm.html", form=form, user=user, own=own), status
    accounts.confirm_by_link(payload, user, None if own else form.password.data)
    flash("Uw e-mailadres is bevestigd.", "success")
    return redirect(url_for("views.home"))


@bp.route("/account/wachtwoord", methods=["GET", "POST"])
@security.login_required
def change_password():
    """Change the password (the current one is throttled like a login); other sessions end."""
    form = ChangePasswordForm()
    if form.validate_on_submit():
        try:
            user, problem = security.authenticate(current_user.email, form.current.data)
        except throttle.Throttled as throttled:
            form.current.errors.append(TOO_MANY.format(minutes=throttled.minutes))
            return render_template("auth/change_password.html", form=form), 429
        if problem is not None and not (problem == security.BY_MAIL and user is not None):
            form.current.errors.append("Dit is niet uw huidige wachtwoord.")
        else:
            security.set_password(user, form.password.data)
            security.start_session(user, remember=False)
            logs.event("password_changed", user_id=user.id)
            flash("Uw wachtwoord is gewijzigd; andere sessies zijn beëindigd.", "success")
            return redirect(url_for("views.home"))
    return render_template("auth/change_password.html", form=form)
