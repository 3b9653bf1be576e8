"""Accounts: the list with the invite form, one account (name, address, (de)activate), and
the links a person receives: accept an invitation, confirm a new address."""

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, logout_user
from playhouse.flask_utils import get_object_or_404

from intranet import tokens
from intranet.auth import invitations
from intranet.auth.forms import ConfirmForm
from intranet.models import Membership, User
from intranet.pages import Pages
from intranet.pagination import paginate
from intranet.people import account_changes, audit
from intranet.people.forms import EmailForm, InviteForm, NameForm
from intranet.people.models import AddressChange
from intranet.refusals import Refused
from intranet.security import role_required

pages = Pages()

PER_PAGE = 50


@pages.route("/accounts", methods=["GET", "POST"])
@role_required("projectleider")
def accounts_page():
    """Every account, searchable; posting invites a new person."""
    form = InviteForm() if request.method == "POST" else InviteForm(formdata=None)
    if request.method == "POST" and form.validate():
        try:
            user = account_changes.invite(form.name.data, form.email.data, _me())
        except Refused as refused:
            form.email.errors.append(refused.message)
        else:
            flash(f"{user.name} is uitgenodigd; de uitnodiging staat in de outbox.", "success")
            return redirect(url_for("people.account", user_id=user.id), code=303)
    search = request.args.get("zoek", "").strip()[:100]
    page = paginate(User.search(search), PER_PAGE)
    return render_template(
        "people/accounts.html", form=form, page=page, search=search
    ), 422 if form.errors else 200


def _me():
    return current_user._get_current_object()


def _account_page(user, name_form=None, email_form=None, status=200):
    return render_template(
        "people/account.html",
        person=user,
        name_form=name_form or NameForm(formdata=None, obj=user),
        email_form=email_form or EmailForm(formdata=None),
        seats=list(Membership.of_person(user)),
        waiting=AddressChange.waiting_for(user),
        changes=list(audit.of_person(user)),
    ), status


@pages.get("/accounts/<int:user_id>")
@role_required("projectleider")
def account(user_id):
    """One account: its name, address, status, seats and history."""
    return _account_page(get_object_or_404(User, User.id == user_id))


@pages.post("/accounts/<int:user_id>/naam")
@role_required("projectleider")
def rename(user_id):
    """Change the name."""
    user = get_object_or_404(User, User.id == user_id)
    form = NameForm()
    if form.validate():
        try:
            account_changes.rename(user.id, form.name.data, _me())
        except Refused as refused:
            form.name.errors.append(refused.message)
        else:
            flash("De naam is gewijzigd.", "success")
            return redirect(url_for("people.account", user_id=user.id), code=303)
    return _account_page(user, name_form=form, status=422)


@pages.post("/accounts/<int:user_id>/adres")
@role_required("projectleider")
def change_email(user_id):
    """Ask the new address to confirm itself; the account keeps the old one until then."""
    user = get_object_or_404(User, User.id == user_id)
    form = EmailForm()
    if form.validate():
        try:
            account_changes.request_email_change(user.id, form.email.data, _me())
        except Refused as refused:
            form.email.errors.append(refused.message)
        else:
            flash(
                f"Er is een bevestigingslink gestuurd naar {form.email.data.lower()}. "
                "Het adres wijzigt zodra die is gebruikt.",
                "success",
            )
            return redirect(url_for("people.account", user_id=user.id), code=303)
    return _account_page(user, email_form=form, status=422)


@pages.post("/accounts/<int:user_id>/deactiveren")
@role_required("projectleider")
def deactivate(user_id):
    """Deactivate an account: it cannot log in, its sessions end at once."""
    return _set_active(user_id, account_changes.deactivate, "gedeactiveerd")


@pages.post("/accounts/<int:user_id>/activeren")
@role_required("projectleider")
def reactivate(user_id):
    """Open a deactivated account again."""
    return _set_active(user_id, account_changes.reactivate, "weer actief")


def _set_active(user_id, change, state):
    user = get_object_or_404(User, User.id == user_id)
    change(user.id, _me())
    flash(f"Het account van {user.name} is {state}.", "success")
    return redirect(url_for("people.account", user_id=user.id), code=303)


@pages.route("/uitnodiging/<token>", methods=["GET", "POST"])
def accept_invite(token):
    """An invited person chooses a password through the e-mailed link, and is logged in."""
    return invitations.accept_page(account_changes.INVITE, token, landing="views.home")


@pages.route("/adres/<token>", methods=["GET", "POST"])
def confirm_email_change(token):
    """The new address confirms itself with a button (a mail scanner's GET spends nothing)."""
    max_age = current_app.config["EMAIL_CONFIRM_MAX_AGE"]
    payload = tokens.read(account_changes.EMAIL_CHANGE, token, max_age)  # refused: the error answer
    account_changes.change_of_link(payload)  # a link the account has outlived says so at once
    form = ConfirmForm()
    if not form.validate_on_submit():
        return render_template("auth/confirm.html", form=form)
    user = account_changes.confirm_email_change(payload)
    if current_user.is_authenticated and current_user.id == user.id:
        logout_user()  # every session of the account has ended, this one too
    if user.password_hash is None:
        flash(
            f"Het e-mailadres is gewijzigd in {user.email}. U ontvangt daar een link om uw "
            "wachtwoord te kiezen.",
            "success",
        )
    else:
        flash(f"Het e-mailadres is gewijzigd in {user.email}. Log voortaan daarmee in.", "success")
    return redirect(url_for("auth.login"))
