"""The applications of the test world, each at the step some route needs."""

from datetime import timedelta

from intranet.admission.models import Application, Referee
from intranet.admission.referees.answers import record_reference
from intranet.admission.votes.casting import cast_vote
from intranet.clock import now
from intranet.models import Organisation
from intranet.workflows import engine
from intranet.workflows.admission import admission


def organisation(name, **fields):
    """An organisation in Leiden; keyword arguments override."""
    values = {"name": name, "sector": "cultuur", "municipality": "Leiden", "status": "partner"}
    return Organisation.create(**{**values, **fields})


def draft(organisation, applicant):
    """An uitgebreid application still in concept, with two referees named."""
    case = engine.create_case(
        admission,
        applicant,
        organisation=organisation,
        applicant=applicant,
        route="uitgebreid",
        profile="Wij geven rondleidingen voor scholen.",
        backup_name="Bea Achtervang",
        backup_email=f"achtervang.{organisation.id}@example.org",
    )
    for number in (1, 2):
        Referee.create(
            application=case,
            name=f"Referent {number}",
            email=f"referent{number}.{case.id}@example.org",
        )
    return Application.get_by_id(case.id)


def submitted(organisation, applicant):
    """An uitgebreid application waiting for its references (the referees are invited)."""
    case = draft(organisation, applicant)
    engine.fire(admission, case.id, "indienen", applicant)
    return Application.get_by_id(case.id)


def referenced(organisation, applicant):
    """Both references in: the application lies with the projectleider."""
    case = submitted(organisation, applicant)
    for referee in Referee.current(case):
        record_reference(referee.id, "positief", "Betrouwbaar.")
    return Application.get_by_id(case.id)


def at_vote(organisation, applicant, leader):
    """An application the projectleider put to the vote."""
    case = referenced(organisation, applicant)
    deadline = now() + timedelta(days=14)
    engine.fire(admission, case.id, "voordragen", leader, data={"deadline": deadline})
    return Application.get_by_id(case.id)


def escalated(organisation, applicant, leader, member):
    """Voted on, then put before the regiegroep: every decider may see it."""
    case = at_vote(organisation, applicant, leader)
    cast_vote(case.id, member, "twijfel", "Ik weet het niet.")
    engine.fire(admission, case.id, "escaleren", leader, comment="De projectgroep twijfelt.")
    return Application.get_by_id(case.id)
