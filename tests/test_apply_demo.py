"""The demo data holds an application in every state of the admission workflow."""

from intranet.admission.models import Application, Referee, Vote
from intranet.admission.workflow import WORKFLOW as admission


def test_demo_has_an_application_in_every_state(demo):
    assert set(Application.counts_by_state()) == set(admission.states)


def test_demo_vote_is_open_with_some_votes_and_references_half_in(demo):
    voting = Application.get(Application.state == "stemming")
    assert 0 < Vote.select().where(Vote.application == voting).count() < 8
    waiting = Application.get(Application.state == "referenties")
    statuses = sorted(r.status for r in Referee.current(waiting))
    assert statuses == ["beantwoord", "uitgenodigd"]


def test_demo_applicant_can_log_in_and_see_the_draft(demo, client):
    from intranet.demo import DEMO_PASSWORD

    draft = Application.get(Application.state == "concept")
    client.post("/inloggen", data={"email": draft.applicant.email, "password": DEMO_PASSWORD})
    page = client.get(f"/aanmelding/{draft.id}")
    assert page.status_code == 200 and "Aanmelding indienen" in page.get_data(as_text=True)
