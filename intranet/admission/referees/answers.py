"""Recording a referee's answer; with both references in, the case moves on."""

from intranet import mail
from intranet.admission import referee_links as links
from intranet.admission.models import RECOMMENDATIONS, Application, Referee
from intranet.admission.workflow import WORKFLOW as admission
from intranet.clock import now
from intranet.db import locked, write_transaction
from intranet.models import Organisation, User
from intranet.statuses import REFEREE_LABEL, change_referee_status
from intranet.workflows import engine
from intranet.workflows.states import AdmissionState as State
from intranet.workflows.states import RefereeStatus


def record_reference(referee_id, recommendation, text, before_commit=None):
    """Store a reference; when every current referee answered, hand the case on.

    `before_commit` runs inside the transaction (the caller consumes the signed link there).
    """
    if recommendation not in RECOMMENDATIONS:
        raise engine.ConditionFailed("Kies positief, neutraal of negatief.")
    with write_transaction():
        referee = Referee.get_or_none(Referee.id == referee_id)
        if referee is None:
            raise engine.CaseNotFound("Deze referentie bestaat niet.")
        application = locked(
            Application.select().where(Application.id == referee.application_id)
        ).get()
        referee = Referee.get_by_id(referee_id)  # re-read under the lock
        links.check(referee, application.state)
        if before_commit:
            before_commit()
        change_referee_status(
            referee,
            RefereeStatus.ANSWERED,
            "beantwoorden",
            label=REFEREE_LABEL,
            recommendation=recommendation,
            text=text.strip(),
            answered_at=now(),
        )
        _send_copy(referee, application)
        engine.settle(admission, application.id)  # the last reference hands the case on
    return referee


def _send_copy(referee, application):
    """The referee's own copy of the answer, queued in the transaction (it leaves after)."""
    organisation = Organisation.get_by_id(application.organisation_id)
    mail.queue(
        referee.email,
        f"Uw referentie voor {organisation.name}",
        "admission_referee_copy",
        referee=referee,
        organisation=organisation,
        leader=User.projectleider(),
    )


def replace_referee(referee_id, applicant, name, email, organisation="", relation=""):
    """Swap a referee who does not answer for another; the old link stops working."""
    with write_transaction():
        old = Referee.get_or_none(Referee.id == referee_id)
        if old is None:
            raise engine.CaseNotFound("Deze referent bestaat niet.")
        application = locked(Application.select().where(Application.id == old.application_id)).get()
        if application.applicant_id != applicant.id:
            raise engine.NotPermitted("Alleen de aanvrager kan een referent vervangen.")
        old = Referee.get_by_id(referee_id)
        if old.status == RefereeStatus.ANSWERED or application.state not in (
            State.CONCEPT,
            State.REFERENCES,
        ):
            raise engine.AlreadyHandled("Deze referent heeft al geantwoord of is niet meer nodig.")
        if old.status == RefereeStatus.REPLACED:
            raise engine.AlreadyHandled("Deze referent is al vervangen.")
        change_referee_status(old, RefereeStatus.REPLACED, "vervangen", applicant)
        new = Referee.create(
            application=application,
            name=name,
            email=email.strip().lower(),
            organisation=organisation,
            relation=relation,
        )
        if application.state == State.REFERENCES:
            links.invite(new, applicant)
        engine.note(
            admission,
            application,
            "referent_vervangen",
            applicant,
            f"Referent {old.name} vervangen door {new.name}.",
        )
    return new
