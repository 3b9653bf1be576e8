"""The features together: admission joins the running period, rounds reach the dashboard
and a partner's page shows its convenant history."""

from intranet.admission.workflow import WORKFLOW as admission
from intranet.rounds.models import PeriodMembership
from intranet.workflows import engine
from tests.support import factories, rounds_support


def test_an_admitted_partner_joins_the_running_period(make_user):
    period = rounds_support.started(factories.period("Lopende periode"))
    applicant, leader = make_user(), make_user("projectleider")
    case = factories.Case(applicant, route="basis", name="Nieuw Bedrijf").get()
    engine.fire(admission, case.id, "indienen", applicant)
    engine.fire(admission, case.id, "bevestigen", leader)
    membership = PeriodMembership.get(PeriodMembership.organisation == case.organisation_id)
    assert membership.period_id == period.id and membership.via == "toegetreden"


def test_a_running_round_shows_on_the_dashboard(client, make_user, login):
    rounds_support.many_partners(3)
    current, following = rounds_support.renewal_setup()
    rounds_support.open_renewal(following)
    login(make_user("projectleider"))
    page = client.get("/dashboard/").get_data(as_text=True)
    assert "Volgende periode" in page and "uitgenodigd" in page


def test_a_partner_page_shows_its_periods_and_invitations(client, make_user, login):
    rounds_support.many_partners(3)
    current, following = rounds_support.renewal_setup()
    rounds_support.open_renewal(following)
    member = PeriodMembership.select().where(PeriodMembership.period == current).first()
    login(make_user("projectleider"))
    page = client.get(f"/partners/{member.organisation_id}").get_data(as_text=True)
    assert "Huidige periode" in page and "Volgende periode" in page
