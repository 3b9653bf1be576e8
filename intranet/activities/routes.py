"""Activities: a contactpersoon of a partner with an uitgebreid membership submits them and
changes those sent back; the projectleider publishes them or sends them back with a reason."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from intranet.activities import reviewing
from intranet.activities.forms import ActivityForm, ReturnForm
from intranet.activities.models import Activity, refusal
from intranet.models import Organisation
from intranet.pages import Pages
from intranet.refusals import Refused
from intranet.security import role_required

pages = Pages()


def _leader():
    return current_user.has_role("projectleider")


def _offering_organisations():
    """The user's organisations that may offer activities; refused (403) with the reason
    when they have organisations but none may."""
    organisations = list(Organisation.spoken_for_by(current_user))
    allowed = [o for o in organisations if not refusal(o)]
    if not allowed:
        raise Refused(refusal(organisations[0]), 403)
    return allowed


def _activity_or_404(activity_id):
    """The activity if the user may see it: the projectleider, or its organisation's contact."""
    activity = Activity.get_or_none(Activity.id == activity_id)
    if activity is None:
        abort(404)
    if not (_leader() or activity.organisation_id in current_user.organisation_ids):
        abort(403)
    return activity


@pages.get("/activiteiten/")
@role_required("projectleider", "contactpersoon")
def index():
    """The projectleider: what waits for review and what is published; a contactpersoon:
    their organisations' activities, or why they cannot offer any."""
    own = list(Activity.of_organisations(current_user.organisation_ids))
    organisations = list(Organisation.spoken_for_by(current_user))
    reasons = [refusal(o) for o in organisations]
    return render_template(
        "activities/index.html",
        own=own,
        waiting=list(Activity.to_review()) if _leader() else [],
        published=list(Activity.published()) if _leader() else [],
        may_offer=any(not reason for reason in reasons),
        reasons=[reason for reason in reasons if reason],
    )


def _form_page(form, activity, status):
    return render_template("activities/form.html", form=form, activity=activity), status


def _submit(form, activity=None):
    if form.validate_on_submit():
        saved = reviewing.submit(form, current_user, activity)
        flash("Uw activiteit is ingediend. De projectleider beoordeelt haar.", "success")
        return redirect(url_for("activities.show", activity_id=saved.id), code=303)
    return _form_page(form, activity, 422 if form.errors else 200)


@pages.route("/activiteiten/nieuw", methods=["GET", "POST"])
@role_required("contactpersoon")
def new():
    """Submit an activity or educational offer (partners with an uitgebreid membership)."""
    return _submit(ActivityForm(organisations=_offering_organisations()))


@pages.route("/activiteiten/<int:activity_id>/bewerken", methods=["GET", "POST"])
@role_required("contactpersoon")
def edit(activity_id):
    """Change a submitted or sent-back activity and submit it again."""
    activity = _activity_or_404(activity_id)
    if activity.organisation_id not in current_user.organisation_ids:
        abort(403)
    if activity.is_published:
        raise Refused(reviewing.NOT_CHANGEABLE, 409)
    form = ActivityForm(obj=activity, organisations=_offering_organisations())
    if request.method == "GET":
        form.organisation.data = str(activity.organisation_id)
    return _submit(form, activity)


def _show(activity, form=None, status=200):
    page = render_template(
        "activities/show.html",
        activity=activity,
        events=reviewing.timeline(activity),
        form=form or ReturnForm(),
        leader=_leader(),
        own=activity.organisation_id in current_user.organisation_ids,
    )
    return page, status


@pages.get("/activiteiten/<int:activity_id>")
@role_required("projectleider", "contactpersoon")
def show(activity_id):
    """An activity, its timeline, and the steps the user may take."""
    return _show(_activity_or_404(activity_id))


@pages.post("/activiteiten/<int:activity_id>/publiceren")
@role_required("projectleider")
def publish(activity_id):
    """Publish a submitted activity."""
    reviewing.publish(_activity_or_404(activity_id).id, current_user)
    flash("De activiteit is gepubliceerd; de contactpersoon krijgt bericht.", "success")
    return redirect(url_for("activities.show", activity_id=activity_id), code=303)


@pages.post("/activiteiten/<int:activity_id>/terugsturen")
@role_required("projectleider")
def send_back(activity_id):
    """Send a submitted activity back to the partner with a reason."""
    activity = _activity_or_404(activity_id)
    form = ReturnForm()
    if not form.validate_on_submit():
        return _show(activity, form, 422)
    reviewing.send_back(activity.id, current_user, form.reason.data)
    flash("De activiteit is teruggestuurd; de contactpersoon krijgt de reden.", "success")
    return redirect(url_for("activities.show", activity_id=activity_id), code=303)
