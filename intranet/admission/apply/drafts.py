"""Draft applications: saved from the form with the applicant's account, changed step by step."""

from itertools import zip_longest

from peewee import IntegrityError

from intranet import tokens
from intranet.admission import eligibility
from intranet.admission.models import Application, Referee
from intranet.admission.workflow import WORKFLOW as admission
from intranet.auth.accounts import create_user, send_confirmation
from intranet.db import db, locked, write_transaction
from intranet.forms import web_address
from intranet.models import FormAnswers, Organisation
from intranet.refusals import Refused
from intranet.workflows import engine
from intranet.workflows.states import AdmissionState as State
from intranet.workflows.states import OrganisationStatus

from .forms import given_referees
from .queries import form_nonce, free_name, namesake, own_earlier_organisation, same_name

FORM_PURPOSE = "aanmeldformulier"  # UsedLink purpose: one saved draft per filled-in form
NOT_EDITABLE = "Uw aanmelding is al ingediend; wijzigen kan niet meer."
EMAIL_TAKEN = "Er bestaat al een account met dit e-mailadres."


def _website(text):
    return web_address(text) or ""


def _organisation_fields(answers):
    return {
        "sector": answers["sector"],
        "municipality": eligibility.canonical_municipality(answers["municipality"]),
        "pupil_count": answers.get("pupils"),
        "website": _website(answers.get("website")),
    }


def _backup(answers):
    """The achtervang's name and address; both empty when there is none (one person)."""
    if answers.get("no_backup"):
        return {"backup_name": "", "backup_email": ""}
    return {
        "backup_name": (answers.get("backup_name") or "").strip(),
        "backup_email": (answers.get("backup_email") or "").strip().lower(),
    }


def _claim_organisation(answers, user):
    """The application's own organisation: an application never changes an existing one.

    Only the applicant's own earlier organisation row (of an application they withdrew or
    that was turned down) is taken again. Under a name another organisation already has,
    the new one is told apart by a number; the projectleider sees the likely match
    (`likely_matches`) and decides.
    """
    name = " ".join(answers["name"].split())
    status, applying = namesake(name)
    problem = eligibility.organisation_problem(status, applying)
    if problem:
        raise Refused(problem, field="name")
    fields = _organisation_fields(answers)
    own = locked(own_earlier_organisation(user, name)).first()
    if own is not None:
        Organisation.update(**fields).where(Organisation.id == own.id).execute()
        return Organisation.get_by_id(own.id)
    try:
        with db.atomic():
            return Organisation.create(
                name=free_name(name), status=OrganisationStatus.ASPIRANT, **fields
            )
    except IntegrityError as error:
        raise Refused("Voor deze organisatie loopt al een aanmelding.", field="name") from error


def _new_account(account):
    try:
        with db.atomic():
            user = create_user(account["email"], account["name"], account["password"])
    except IntegrityError as error:
        raise Refused(EMAIL_TAKEN, field="contact_email") from error
    send_confirmation(user)
    return user


def create_draft(answers, nonce, user=None, account=None, submit=False, form=None):
    """Save a filled-in form once: the account (if new), organisation, draft and referees;
    with `submit`, submit it as well (the workflow's 'indienen'), all or nothing.

    The form's nonce is consumed in the same transaction, so a second submit of the same
    form raises tokens.LinkError and creates nothing. Returns (application, user, what
    happened in words, or None for a draft). The kept answers (`form`) go with it.
    """
    with write_transaction():
        tokens.consume(FORM_PURPOSE, {"n": form_nonce(nonce)})
        if user is None:
            user = _new_account(account)
        organisation = _claim_organisation(answers, user)
        application = engine.create_case(
            admission,
            user,
            applicant=user,
            organisation=organisation,
            route=answers["route"],
            profile=(answers.get("profile") or "").strip(),
            **_backup(answers),
        )
        _save_referees(application, answers)
        said = _submit(application, user) if submit else None
        if form is not None:
            FormAnswers.delete().where(FormAnswers.id == form.id).execute()
    return application, user, said


def _submit(application, user):
    """Submit the new draft; what happened, in the workflow's words."""
    transition = admission.transition("indienen", application)
    event = engine.fire(admission, application.id, "indienen", user, expected_state=State.CONCEPT)
    return transition.done(event.case)


def _save_referees(application, answers):
    """The draft's referees as answered: changed in order, new ones added, and those taken
    off the form removed (a draft's referees have not been invited yet)."""
    given = given_referees(answers)
    if not given:
        return
    current = list(Referee.current(application))
    for referee, values in zip_longest(current, given):
        if values is None:
            referee.delete_instance()
            continue
        values = {**values, "email": values["email"].lower()}
        if referee is None:
            Referee.create(application=application, **values)
        else:
            Referee.update(**values).where(Referee.id == referee.id).execute()


def _save_organisation(application, answers):
    name = " ".join(answers["name"].split())
    other = Organisation.select().where(
        same_name(name), Organisation.id != application.organisation_id
    )
    if other.exists():
        status, applying = namesake(name, application.organisation_id)
        problem = eligibility.organisation_problem(status, applying)
        raise Refused(problem or "Er bestaat al een organisatie met deze naam.", field="name")
    fields = _organisation_fields(answers)
    Organisation.update(name=name, **fields).where(
        Organisation.id == application.organisation_id
    ).execute()


def _save_answers(application, step, answers):
    if step == "route":
        application.route = answers["route"]
        if not eligibility.asks_pupils(application.route):  # a count the route never asks
            Organisation.update(pupil_count=None).where(
                Organisation.id == application.organisation_id
            ).execute()
    elif step == "organisatie":
        _save_organisation(application, answers)
    elif step == "profiel":
        application.profile = answers["profile"].strip()
        Organisation.update(profile=application.profile).where(
            Organisation.id == application.organisation_id
        ).execute()
    elif step == "referenten":
        _save_referees(application, answers)
    elif step == "contactpersoon":
        backup = _backup(answers)
        application.backup_name, application.backup_email = backup.values()
    application.save()


def save_step(application_id, user, step, answers):
    """Change one step of a draft; only its applicant, only before it is submitted."""
    with write_transaction():
        application = locked(
            Application.select().where(Application.id == application_id)
        ).get_or_none()
        if application is None:
            raise engine.CaseNotFound("Deze aanmelding bestaat niet.")
        if application.applicant_id != user.id:
            raise engine.NotPermitted("Alleen de aanvrager kan de aanmelding wijzigen.")
        if application.state != State.CONCEPT:
            raise engine.AlreadyHandled(NOT_EDITABLE)
        _save_answers(application, step, answers)
    return application
