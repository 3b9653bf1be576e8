"""What the applicant's pages read: drafts, namesakes, accounts, their own applications."""

import re

from intranet.admission.eligibility import MAX_REFEREES
from intranet.admission.models import Application, Referee
from intranet.models import Organisation, UsedLink, User
from intranet.names import name_key
from intranet.workflows.states import AdmissionState as State
from intranet.workflows.states import OrganisationStatus

from .forms import REFEREE_PARTS, referee_field
from .steps import steps_for


def same_name(name):
    """The condition 'an organisation of this name', as intranet/names.py compares names
    (lookalikes, capitals, punctuation and spaces do not count): one query for the names."""
    key = name_key(name)
    names = Organisation.select(Organisation.id, Organisation.name).tuples()
    return Organisation.id.in_([id_ for id_, other in names if name_key(other) == key])


NUMBERED = re.compile(r" \(aanmelding \d+\)$")


def free_name(name):
    """The name, or when an organisation has it already, the name with a number after it."""
    candidate, number = name, 1
    while Organisation.select().where(same_name(candidate)).exists():
        number += 1
        candidate = f"{name} (aanmelding {number})"
    return candidate


def own_earlier_organisation(user, name):
    """The applicant's own earlier organisation of this name that no open application holds."""
    return (
        Organisation.select()
        .join(Application, on=Application.organisation == Organisation.id)
        .where(
            Application.applicant == user.id,
            same_name(name),
            Organisation.status == OrganisationStatus.ASPIRANT,
        )
    )


def likely_matches(organisation):
    """Other organisations that are probably this one (same name, whatever capitals, spaces
    or number): the projectleider decides; an application never joins one by itself."""
    name = NUMBERED.sub("", organisation.name)
    names = [same_name(name), Organisation.name.startswith(f"{name} (aanmelding ")]
    return (
        Organisation.select()
        .where((names[0] | names[1]), Organisation.id != organisation.id)
        .order_by(Organisation.name)
    )


def namesake(name, own_organisation_id=None):
    """(status of another organisation with this name or None, whether it is applying)."""
    organisation = Organisation.select().where(same_name(name)).first()
    if organisation is None or organisation.id == own_organisation_id:
        return None, False
    return organisation.status, Application.open_for_name(organisation.name) is not None


def of_applicant(user):
    """The user's applications, newest first, with their organisations."""
    return (
        Application.with_organisation()
        .where(Application.applicant == user.id)
        .order_by(Application.id.desc())
    )


def drafts_of(user):
    """The user's applications still in draft (none for a visitor)."""
    if not user.is_authenticated:
        return []
    return list(of_applicant(user).where(Application.state == State.CONCEPT))


def with_people(application_id):
    """One application with its organisation and applicant, or None."""
    return Application.with_organisation().where(Application.id == application_id).get_or_none()


def checklist(application):
    """The steps of a draft and whether each is filled in: [(step, filled)]."""
    filled = application.filled_parts()
    return [(step, filled.get(step, True)) for step in steps_for(application.route)]


def answers_of(application):
    """Everything a draft holds, as the form's field names and texts."""
    organisation = application.organisation
    answers = {
        "route": application.route,
        "name": organisation.name,
        "sector": organisation.sector,
        "municipality": organisation.municipality,
        "pupils": "" if organisation.pupil_count is None else str(organisation.pupil_count),
        "website": organisation.website,
        "profile": application.profile,
        "contact_name": application.applicant.name,
        "contact_email": application.applicant.email,
        "backup_name": application.backup_name,
        "backup_email": application.backup_email,
        "no_backup": "" if application.backup_email else "y",
    }
    referees = list(Referee.current(application)[:MAX_REFEREES])
    for number, referee in enumerate(referees, start=1):
        for part in REFEREE_PARTS:
            answers[referee_field(number, part)] = getattr(referee, part)
    answers["referee_count"] = str(len(referees))
    return answers


def form_nonce(nonce):
    """The UsedLink key of a filled-in form (kept apart from the signed links' nonces)."""
    return f"aanmeldformulier:{nonce}"


def is_used(nonce):
    """True if the form with this nonce was saved already."""
    return UsedLink.select().where(UsedLink.nonce == form_nonce(nonce)).exists()


def account_for(email):
    """The existing account with this address, or None."""
    return User.by_email(email or "")
