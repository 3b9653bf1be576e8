"""The contactpersoon's side: their organisation's invitations, signing, declining, vriend."""

from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user

from intranet import htmx
from intranet.clock import today
from intranet.deadlines import last_day
from intranet.formats import day_words
from intranet.models import Organisation
from intranet.pages import Pages
from intranet.rounds import renewal_workflow, vriend_workflow
from intranet.rounds.forms import DeclineForm, PaperSignForm, SignerForm, SignForm
from intranet.rounds.invitation_rules import own_contact
from intranet.rounds.models import RenewalInvitation, VriendInvitation, invitations_for
from intranet.security import login_required, role_required
from intranet.workflows import engine
from intranet.workflows.models import AuditEvent
from intranet.workflows.states import RenewalState, VriendState

pages = Pages()

KINDS = {
    RenewalInvitation: (
        renewal_workflow.WORKFLOW,
        "rounds/renewal.html",
        "rounds/_renewal_answer.html",
    ),
    VriendInvitation: (
        vriend_workflow.WORKFLOW,
        "rounds/vriend.html",
        "rounds/_vriend_answer.html",
    ),
}
NOTHING_CHANGED = "Er is niets gewijzigd."
ANSWERED = {
    RenewalState.SIGNED: "Uw organisatie heeft dit convenant al getekend.",
    RenewalState.DECLINED: "Uw organisatie heeft al laten weten het convenant niet te verlengen.",
    VriendState.VRIEND: "Uw organisatie heeft de uitnodiging al aangenomen: u bent vriend van LEF.",
    VriendState.DECLINED: "Uw organisatie heeft de uitnodiging al afgeslagen.",
}


def _workflow(invitation):
    return KINDS[type(invitation)][0]


def _invitation(model, case_id):
    """The invitation with its context; 404 if unknown, 403 if not the user's to see."""
    invitation = model.with_context(case_id)
    if invitation is None:
        abort(404)
    if not _workflow(invitation).may_view(invitation, current_user):
        abort(403)
    return invitation


def _require_own(invitation):
    """Only a contactpersoon of the invited organisation may answer for it."""
    if not own_contact(invitation, current_user):
        abort(403)


def stale_message(invitation):
    """Why this invitation cannot be answered any more, or None."""
    deadline = day_words(last_day(invitation.round.deadline))
    if invitation.state in ANSWERED:
        return f"{ANSWERED[invitation.state]} {NOTHING_CHANGED}"
    if invitation.state == invitation.State.EXPIRED or not invitation.round.is_open:
        return (
            f"De termijn om te reageren is verstreken (tot en met {deadline}). "
            f"{NOTHING_CHANGED} Neem contact op met de projectleider."
        )
    return None


def _page(invitation, message=None, status=200, **forms):
    """The invitation page, or only its answer block for htmx."""
    _, page, fragment = KINDS[type(invitation)]
    workflow = _workflow(invitation)
    forms.setdefault(
        "sign_form", SignForm(formdata=None, signer_name=current_user.name, signed_on=today())
    )
    forms.setdefault("decline_form", DeclineForm(formdata=None))
    forms.setdefault("signer_form", SignerForm(formdata=None))
    forms.setdefault("paper_form", PaperSignForm(formdata=None, prefix="papier", signed_on=today()))
    return htmx.render(
        page,
        fragment,
        status_code=status,
        invitation=invitation,
        workflow=workflow,
        may_answer=bool(own_contact(invitation, current_user)),
        may_record_paper=current_user.has_role("projectleider"),
        stale=stale_message(invitation),
        message=message,
        events=list(AuditEvent.for_case(workflow.name, invitation.id)),
        **forms,
    )


def _stale(invitation):
    """A 409 page when the invitation was answered or expired already, else None."""
    stale = stale_message(invitation)
    return _page(invitation, message=("error", stale), status=409) if stale else None


def _answer(invitation, trigger, success, comment="", data=None):
    """Fire the answer; a refused answer (a race, a rule) changes nothing and says why."""
    try:
        engine.fire(
            _workflow(invitation),
            invitation.id,
            trigger,
            current_user,
            expected_state=invitation.State.INVITED,
            comment=comment,
            data=data,
        )
    except engine.WorkflowError as error:
        if error.status in (403, 404):
            raise  # the one error answer (intranet/errors.py)
        fresh = type(invitation).with_context(invitation.id)
        message = stale_message(fresh) or error.message
        return _page(fresh, message=("error", message), status=error.status)
    fresh = type(invitation).with_context(invitation.id)
    if htmx.is_htmx():
        return _page(fresh, message=("success", success))
    flash(success, "success")
    return redirect(url_for(fresh.endpoint, case_id=fresh.id), code=303)


@pages.get("/convenant/mijn")
@role_required("contactpersoon")
def mine():
    """The user's organisations with their open and answered invitations."""
    organisations = (
        Organisation.select()
        .where(Organisation.id.in_(list(current_user.organisation_ids)))
        .order_by(Organisation.name)
    )
    items = [(organisation, invitations_for(organisation)) for organisation in organisations]
    return render_template("rounds/mine.html", items=items)


@pages.get("/convenant/ondertekenen/<int:case_id>")
@login_required
def renewal(case_id):
    """The convenant to sign, and the signing and declining forms."""
    return _page(_invitation(RenewalInvitation, case_id))


@pages.post("/convenant/ondertekenen/<int:case_id>/tekenen")
@login_required
def sign(case_id):
    """Sign the convenant for the organisation."""
    invitation = _invitation(RenewalInvitation, case_id)
    _require_own(invitation)
    form = SignForm()
    if stale := _stale(invitation):
        return stale
    if not form.validate_on_submit():
        return _page(invitation, status=422, sign_form=form)
    success = (
        f"Getekend: {invitation.organisation.name} gaat door in {invitation.round.period.name}."
    )
    return _answer(invitation, "tekenen", success, data=form.signature())


def _say_no(model, case_id, trigger, success):
    """Record a 'no' to an invitation, with the optional reason from the decline form."""
    invitation = _invitation(model, case_id)
    _require_own(invitation)
    form = DeclineForm()
    if stale := _stale(invitation):
        return stale
    if not form.validate_on_submit():
        return _page(invitation, status=422, decline_form=form)
    return _answer(invitation, trigger, success, comment=form.reason.data or "")


@pages.post("/convenant/ondertekenen/<int:case_id>/opzeggen")
@login_required
def decline(case_id):
    """Decline the renewal, with an optional reason."""
    success = "Vastgelegd: uw organisatie verlengt het convenant niet."
    return _say_no(RenewalInvitation, case_id, "opzeggen", success)


@pages.get("/convenant/vriend/<int:case_id>")
@login_required
def vriend(case_id):
    """The invitation to become vriend of LEF, with accept and decline."""
    return _page(_invitation(VriendInvitation, case_id))


@pages.post("/convenant/vriend/<int:case_id>/aanvaarden")
@login_required
def accept(case_id):
    """Accept: the organisation becomes vriend of LEF."""
    invitation = _invitation(VriendInvitation, case_id)
    _require_own(invitation)
    if stale := _stale(invitation):
        return stale
    return _answer(invitation, "aanvaarden", "Welkom! Uw organisatie is vriend van LEF.")


@pages.post("/convenant/vriend/<int:case_id>/afslaan")
@login_required
def refuse(case_id):
    """Decline the vriend invitation, with an optional reason."""
    success = "Vastgelegd: uw organisatie wordt geen vriend van LEF."
    return _say_no(VriendInvitation, case_id, "afslaan", success)
