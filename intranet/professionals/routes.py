"""Professionals' pages: signing up, one's own profile, an organisation's professionals, and
the projectleider's overview per organisation and per network."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from intranet import throttle
from intranet.models import WERKVELDEN, Organisation, Professional, User
from intranet.network.models import Network, NetworkMember
from intranet.pages import Pages
from intranet.professionals import signup
from intranet.professionals.forms import NewslettersForm, SignUpForm
from intranet.professionals.models import NewsletterSubscription
from intranet.refusals import Refused
from intranet.security import login_required, role_required

pages = Pages()


@pages.route("/professionals/account-maken", methods=["GET", "POST"])
def sign_up():
    """A professional of a partner or vriend makes an account (rate-limited, no HTML)."""
    if request.method == "POST":
        throttle.hit("professional-sign-up", request.form.get("email", "")[:200] or None)
    form = SignUpForm(organisations=signup.organisations())
    status = 200
    if form.validate_on_submit():
        try:
            signup.sign_up(
                form.name.data, form.email.data, form.password.data, form.organisation_id
            )
        except Refused as refused:
            form[refused.field or "organisation"].errors = [refused.message]
            status = refused.status
        else:
            return redirect(url_for("professionals.signed_up"), code=303)
    elif form.errors:
        status = 422
    return render_template("professionals/sign_up.html", form=form), status


@pages.get("/professionals/kijk-in-uw-email")
def signed_up():
    """Look in your mail (the same words whether or not the address had an account)."""
    return render_template("professionals/signed_up.html")


@pages.route("/mijn-profiel", methods=["GET", "POST"])
@login_required
def profile():
    """One's organisation, networks and newsletters."""
    form = NewslettersForm()
    if request.method == "GET":
        form.werkvelden.data = sorted(NewsletterSubscription.werkvelden_of(current_user))
    elif form.validate_on_submit():
        signup.set_newsletters(current_user, form.werkvelden.data or [])
        flash("Uw keuze voor de nieuwsbrieven is opgeslagen.", "success")
        return redirect(url_for("professionals.profile"), code=303)
    organisation = (
        Organisation.get_by_id(current_user.professional_of)
        if current_user.professional_of
        else None
    )
    networks = list(
        Network.select()
        .join(NetworkMember)
        .where(NetworkMember.user == current_user.id)
        .order_by(Network.name)
    )
    page = render_template(
        "professionals/profile.html", form=form, organisation=organisation, networks=networks
    )
    return page, (422 if form.errors else 200)


def _organisation_for_manager(organisation_id):
    """The organisation, for its contactpersonen and the projectleider only."""
    organisation = Organisation.get_or_none(Organisation.id == organisation_id)
    if organisation is None:
        abort(404)
    if not (
        current_user.has_role("projectleider") or organisation.id in current_user.organisation_ids
    ):
        abort(403)
    return organisation


@pages.get("/organisaties/<int:organisation_id>/professionals")
@login_required
def of_organisation(organisation_id):
    """An organisation's professionals, for its contactpersonen (who may remove one)."""
    organisation = _organisation_for_manager(organisation_id)
    people = list(Professional.of_organisation(organisation))
    return render_template(
        "professionals/organisation.html", organisation=organisation, people=people
    )


@pages.post("/organisaties/<int:organisation_id>/professionals/<int:user_id>/verwijderen")
@login_required
def remove(organisation_id, user_id):
    """Take a professional off the organisation."""
    organisation = _organisation_for_manager(organisation_id)
    person = signup.remove(organisation, user_id, current_user)
    flash(f"{person.name} is geen professional van {organisation.name} meer.", "success")
    return redirect(url_for("professionals.of_organisation", organisation_id=organisation.id), 303)


@pages.get("/professionals")
@role_required("projectleider")
def overview():
    """Everyone per organisation (contactpersonen and professionals) and per network."""
    professionals = list(
        Professional.select(Professional, User, Organisation)
        .join(User)
        .switch(Professional)
        .join(Organisation)
        .order_by(Organisation.name, User.name)
    )
    by_organisation = {}
    for link in professionals:
        by_organisation.setdefault(link.organisation, []).append(link.user)
    members = list(
        NetworkMember.select(NetworkMember, Network, User)
        .join(Network)
        .switch(NetworkMember)
        .join(User)
        .order_by(Network.kind.desc(), Network.position, Network.name, User.name)
    )
    by_network = {}
    for member in members:
        by_network.setdefault(member.network, []).append(member)
    works_at = {link.user_id: link.organisation.name for link in professionals}
    return render_template(
        "professionals/overview.html",
        by_organisation=by_organisation,
        by_network=by_network,
        works_at=works_at,
        werkvelden=WERKVELDEN,
    )
