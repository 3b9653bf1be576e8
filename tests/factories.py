"""Builders for admission cases used across test modules."""

from intranet.admission.models import Application, Referee
from intranet.models import Organisation, User
from intranet.workflows import engine
from intranet.workflows.admission import admission


def application(applicant: User, route="uitgebreid", name=None, **fields) -> Application:
    """A complete draft application (with two referees for the uitgebreid route)."""
    organisation = Organisation.create(
        name=name or f"Aspirant {applicant.id}",
        sector="bedrijf",
        municipality="Leiden",
        status="aspirant",
        membership_type="uitgebreid" if route == "uitgebreid" else "basis",
    )
    values = {
        "organisation": organisation,
        "applicant": applicant,
        "route": route,
        "profile": "Wij organiseren techniekworkshops voor kinderen.",
        "backup_name": "Bea Achtervang",
        "backup_email": f"achtervang{applicant.id}@example.org",
    }
    values.update(fields)
    case = engine.create_case(admission, applicant, **values)
    if route == "uitgebreid":
        for number in (1, 2):
            Referee.create(
                application=case,
                name=f"Referent {number}",
                email=f"referent{number}.{case.id}@example.org",
                organisation="Museum",
                relation="samenwerkingspartner",
            )
    return case


def answer_references(case):
    """Both referees answer positively (as the referee page does)."""
    from intranet.admission.referees.answers import record_reference

    for referee in Referee.current(case):
        record_reference(referee.id, "positief", "Een betrouwbare partner.")


def at_vote(applicant, leader, **fields):
    """An uitgebreid application nominated to the projectgroep."""
    case = application(applicant, **fields)
    engine.fire(admission, case.id, "indienen", applicant)
    answer_references(case)
    engine.fire(admission, case.id, "voordragen", leader)
    return Application.get_by_id(case.id)
