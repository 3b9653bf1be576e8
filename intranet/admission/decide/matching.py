"""A likely match: the projectleider decides that an application is for an organisation
the network already knows. The application itself never joins one (apply/drafts.py)."""

from peewee import IntegrityError

from intranet.admission.apply.queries import likely_matches
from intranet.admission.models import Application
from intranet.admission.workflow import ORGANISATION_LINKED
from intranet.admission.workflow import WORKFLOW as admission
from intranet.db import db, locked, write_transaction
from intranet.models import Organisation
from intranet.refusals import Refused
from intranet.workflows import engine
from intranet.workflows.states import AdmissionState as S
from intranet.workflows.states import OrganisationStatus

# Before the decision: afterwards the organisation is what was decided on.
LINKABLE = (S.WITH_LEADER, S.QUESTION, S.VOTE, S.REGIEGROEP)
DECIDED = "Over deze aanmelding is al besloten; de organisatie ligt vast."
NOT_A_MATCH = "Deze organisatie lijkt niet op die van de aanmelding; koppelen kan niet."


def link_to_existing(case_id, organisation_id, actor):
    """Put the application on the existing organisation, in one transaction with its record;
    the application's own new organisation goes when nothing else refers to it."""
    with write_transaction():
        query = Application.select().where(Application.id == case_id)
        application = locked(query).get_or_none()
        if application is None:
            raise Refused("Deze aanmelding bestaat niet.", 404)
        if application.state not in LINKABLE:
            raise Refused(DECIDED, 409)
        own = Organisation.get_by_id(application.organisation_id)
        match = likely_matches(own).where(Organisation.id == organisation_id).first()
        if match is None:
            raise Refused(NOT_A_MATCH)
        application.organisation = match
        application.save(only=[Application.organisation])
        comment = f"Aanmelding gekoppeld aan {match.name} (was {own.name})."
        engine.note(admission, application, ORGANISATION_LINKED, actor, comment=comment)
        _forget(own)
    return match


def _forget(organisation):
    """Remove an applicant's new organisation that nothing refers to any more."""
    if organisation.status != OrganisationStatus.ASPIRANT:
        return
    if Application.select().where(Application.organisation == organisation.id).exists():
        return
    try:
        with db.atomic():
            organisation.delete_instance()
    except IntegrityError:
        pass  # something else still refers to it: it stays, unused
