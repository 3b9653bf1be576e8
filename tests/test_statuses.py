"""A referee's and an organisation's status change in one place (intranet/statuses.py), each
change with its audit record: from which status to which, by which step, by whom."""

from intranet.admission.models import Referee
from intranet.admission.referees.answers import record_reference
from intranet.admission.workflow import WORKFLOW as admission
from intranet.models import Organisation
from intranet.statuses import ORGANISATION_TRAIL, REFEREE_TRAIL, change_organisation_status
from intranet.workflows import engine
from intranet.workflows.models import AuditEvent
from intranet.workflows.states import OrganisationStatus, RefereeStatus
from tests.support import factories


def _trail(workflow, case_id):
    return [
        (e.from_state, e.to_state, e.trigger, e.actor_label)
        for e in AuditEvent.for_case(workflow, case_id)
    ]


def test_a_referee_is_invited_and_answers_each_step_audited_without_their_name(make_user):
    applicant = make_user()
    case = factories.Case(applicant).submitted()
    referee = Referee.current(case.id).first()
    record_reference(referee.id, "positief", "Een betrouwbare partner.")
    assert Referee.get_by_id(referee.id).status == RefereeStatus.ANSWERED
    trail = _trail(REFEREE_TRAIL, referee.id)
    assert trail == [
        ("concept", "uitgenodigd", "uitnodigen", applicant.name),
        ("uitgenodigd", "beantwoord", "beantwoorden", "referent (via de link)"),
    ]
    assert referee.name not in str(trail)


def test_admitting_makes_the_organisation_partner_with_an_audit_record(make_user):
    leader = make_user("projectleider")
    case = factories.Case(make_user(), route="basis").submitted()
    engine.fire(admission, case.id, "bevestigen", leader, comment="Past bij het netwerk.")
    organisation = case.get().organisation
    assert organisation.status == OrganisationStatus.PARTNER
    assert organisation.membership_type == "basis"
    assert _trail(ORGANISATION_TRAIL, organisation.id) == [
        ("aspirant", "partner", "toelaten", leader.name)
    ]


def test_only_organisations_in_the_given_statuses_move_and_each_is_audited(make_organisation):
    partner, vriend, already = (
        make_organisation(),
        make_organisation(status=OrganisationStatus.VRIEND),
        make_organisation(status=OrganisationStatus.OUD_PARTNER),
    )
    ids = [partner.id, vriend.id, already.id]
    moved = change_organisation_status(
        ids, OrganisationStatus.OUD_PARTNER, "niet_verlengd", only_from=[OrganisationStatus.PARTNER]
    )
    assert moved == 1
    statuses = [Organisation.get_by_id(i).status for i in ids]
    assert statuses == ["oud_partner", "vriend", "oud_partner"]
    assert _trail(ORGANISATION_TRAIL, partner.id) == [
        ("partner", "oud_partner", "niet_verlengd", "systeem")
    ]
    assert _trail(ORGANISATION_TRAIL, vriend.id) == _trail(ORGANISATION_TRAIL, already.id) == []
