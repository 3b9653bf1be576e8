"""Activities: a contactpersoon of a partner with an uitgebreid membership submits them and
changes those sent back; the projectleider publishes them or sends them back with a reason.
Either takes a published one offline, after a confirmation."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from intranet import confirm, htmx
from intranet.activities import reviewing
from intranet.activities.forms import ActivityForm, OfflineForm, ReturnForm
from intranet.activities.models import Activity, refusal
from intranet.models import Organisation
from intranet.pages import Pages
from intranet.refusals import Refused
from intranet.security import query_id, role_required

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


def _own_activity(activity_id):
    """The activity if it is of one of the user's organisations (else 403, unknown 404)."""
    activity = _activity_or_404(activity_id)
    if activity.organisation_id not in current_user.organisation_ids:
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


def _form_page(form, activity, status, copied=None):
    page = render_template("activities/form.html", form=form, activity=activity, copied=copied)
    return page, status


def _submit(form, activity=None):
    if form.validate_on_submit():
        saved = reviewing.submit(form, current_user, activity)
        flash("Uw activiteit is ingediend. De projectleider beoordeelt haar.", "success")
        return redirect(url_for("activities.show", activity_id=saved.id), code=303)
    return _form_page(form, activity, 422 if form.errors else 200)


@pages.route("/activiteiten/nieuw", methods=["GET", "POST"])
@role_required("contactpersoon")
def new():
    """Submit an activity or educational offer (partners with an uitgebreid membership);
    `?van=ID` fills it in from one of the organisation's own, to offer that again."""
    organisations = _offering_organisations()
    source = query_id("van")
    if request.method == "GET" and source is not None:
        copied = _own_activity(source)
        form = ActivityForm(obj=copied, organisations=organisations)
        form.organisation.data = str(copied.organisation_id)
        return _form_page(form, None, 200, copied)
    return _submit(ActivityForm(organisations=organisations))


@pages.route("/activiteiten/<int:activity_id>/bewerken", methods=["GET", "POST"])
@role_required("contactpersoon")
def edit(activity_id):
    """Change a submitted or sent-back activity and submit it again."""
    activity = _own_activity(activity_id)
    if not activity.is_changeable:
        raise Refused(reviewing.NOT_CHANGEABLE, 409)
    form = ActivityForm(obj=activity, organisations=_offering_organisations())
    if request.method == "GET":
        form.organisation.data = str(activity.organisation_id)
    return _submit(form, activity)


def _show(activity, form=None, status=200, offline_form=None):
    page = render_template(
        "activities/show.html",
        activity=activity,
        events=reviewing.timeline(activity),
        form=form or ReturnForm(),
        offline_form=offline_form or OfflineForm(leader=_leader()),
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


def _offline_confirmation(activity, form):
    """Before taking it offline: what happens, and the mail it sends (to the contactpersoon
    when the projectleider does it, to the projectleiders when a contactpersoon does)."""
    reason = form.reason.data
    recipients, preview = reviewing.offline_notice(activity, current_user, reason, form.leader)
    return confirm.Confirmation(
        section_id="offline-section",
        title=f"‘{activity.title}’ offline halen: weet u het zeker?",
        question=(
            f"De activiteit verdwijnt van de openbare pagina van {activity.organisation.name} "
            "en uit de keuze voor nieuwsbrieven; in het archief van een al verstuurde "
            "nieuwsbrief blijft zij staan."
        ),
        button="Ja, offline halen",
        action=url_for("activities.take_offline", activity_id=activity.id),
        fields=confirm.form_values(form),
        recipients=recipients,
        preview=preview,
        notes=[
            *([f"Reden: {reason}"] if reason and not form.leader else []),
            "Later weer aanbieden kan: de contactpersoon dient haar dan opnieuw in, en de "
            "projectleider beoordeelt haar opnieuw.",
        ],
        back_label="Terug, niets doen",
    )


@pages.post("/activiteiten/<int:activity_id>/offline")
@role_required("projectleider", "contactpersoon")
def take_offline(activity_id):
    """Take a published activity offline for good, after a confirmation: the projectleider
    says why (the contactpersoon gets it by mail); a contactpersoon, for their organisation's."""
    activity = _activity_or_404(activity_id)
    reviewing.ensure_online(activity)  # stale (409) before anything is asked
    form = OfflineForm(leader=_leader())
    if confirm.answer() == "nee":
        return _show(activity, offline_form=form)
    if not form.validate_on_submit():
        return _show(activity, offline_form=form, status=422)
    if confirm.answer() != "ja":
        return confirm.render(_offline_confirmation(activity, form))
    reviewing.take_offline(activity.id, current_user, form.reason.data, leader=form.leader)
    told = (
        "; de contactpersoon krijgt de reden"
        if form.leader
        else "; de projectleider krijgt bericht"
    )
    flash(f"De activiteit is offline gehaald{told}.", "success")
    url = url_for("activities.show", activity_id=activity.id)
    return htmx.redirect_to(url) if htmx.sent_by_htmx() else redirect(url, code=303)
