"""The privacy statement, and the projectleider's page to export or anonymise a person."""

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user
from playhouse.flask_utils import get_object_or_404

from intranet.models import User
from intranet.privacy import operations
from intranet.security import role_required

bp = Blueprint("privacy", __name__)


@bp.get("/privacy")
def statement():
    """What the intranet stores about people, why, how long, and whom to ask."""
    return render_template("privacy/statement.html", config=current_app.config)


@bp.get("/beheer/personen/privacy")
@role_required("projectleider")
def find():
    """Look a person up by e-mail address for an export or anonymisation."""
    email = request.args.get("email", "").strip()[:254]
    person = User.by_email(email) if email else None
    return render_template("privacy/find.html", email=email, person=person)


@bp.post("/beheer/personen/<int:user_id>/export")
@role_required("projectleider")
def export(user_id):
    """Download everything stored about the person as JSON (audited)."""
    person = get_object_or_404(User, User.id == user_id)
    response = current_app.response_class(
        operations.export(person, actor=current_user), mimetype="application/json"
    )
    response.headers["Content-Disposition"] = f"attachment; filename=persoon-{person.id}.json"
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.post("/beheer/personen/<int:user_id>/anonimiseren")
@role_required("projectleider")
def anonymise(user_id):
    """Close the account and replace the name everywhere (audited); needs a confirmation."""
    person = get_object_or_404(User, User.id == user_id)
    if request.form.get("bevestig") != "ja":
        flash("Vink aan dat u begrijpt dat dit niet ongedaan kan worden.", "error")
        return redirect(url_for("privacy.find", email=person.email), 303)
    name = operations.anonymise(person, actor=current_user)  # own account: refused (403)
    flash(f"Het account is gesloten; de persoon heet nu ‘{name}’.", "success")
    return redirect(url_for("privacy.find"), 303)
