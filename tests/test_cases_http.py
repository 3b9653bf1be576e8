"""The generic step route: a button is a plain POST without JavaScript and an htmx swap with it."""

import pytest

from intranet.admission.models import Application
from intranet.admission.workflow import WORKFLOW as admission
from intranet.workflows import engine
from intranet.workflows.models import AuditEvent


def _url(case, trigger):
    return f"/zaak/toetreding/{case.id}/stap/{trigger}"


def test_plain_post_takes_the_step_and_returns_to_the_case(client, submitted, leader, login):
    login(leader)
    response = client.post(
        _url(submitted, "bevestigen"),
        data={"expected_state": "bij_projectleider", "bevestigd": "ja"},
    )
    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"/aanmelding/{submitted.id}")
    assert Application.get_by_id(submitted.id).state == "toegelaten"


def test_htmx_post_swaps_in_the_updated_case(client, submitted, leader, login):
    login(leader)
    response = client.post(
        _url(submitted, "bevestigen"),
        data={"expected_state": "bij_projectleider", "bevestigd": "ja"},
        headers={"HX-Request": "true"},
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "HX-Request" in response.headers["Vary"]
    assert html.lstrip().startswith(f'<section id="case-toetreding-{submitted.id}"')
    assert "Toegelaten" in html and "<html" not in html


def test_the_route_refuses_a_step_as_the_engine_does(client, submitted, leader, login):
    """The check before a confirmation is the engine's own: same refusal, same status."""
    login(leader)
    with pytest.raises(engine.ConditionFailed) as refused:
        engine.fire(admission, submitted.id, "indienen", leader, expected_state="bij_projectleider")
    response = client.post(
        _url(submitted, "indienen"),
        data={"expected_state": "bij_projectleider"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == refused.value.status == 422
    assert refused.value.message in response.get_data(as_text=True)
    assert Application.get_by_id(submitted.id).state == "bij_projectleider"


def test_stale_button_says_already_handled_and_changes_nothing(client, submitted, leader, login):
    login(leader)
    client.post(
        _url(submitted, "bevestigen"),
        data={"expected_state": "bij_projectleider", "bevestigd": "ja"},
    )
    events = AuditEvent.select().count()
    response = client.post(
        _url(submitted, "afwijzen"),
        data={"expected_state": "bij_projectleider", "comment": "toch niet", "bevestigd": "ja"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 409
    assert "al afgehandeld" in response.get_data(as_text=True)
    assert Application.get_by_id(submitted.id).state == "toegelaten"
    assert AuditEvent.select().count() == events


def test_other_roles_cannot_take_the_step(client, submitted, make_user, login):
    login(make_user("projectgroep"))
    response = client.post(
        _url(submitted, "bevestigen"),
        data={"expected_state": "bij_projectleider", "bevestigd": "ja"},
    )
    assert response.status_code == 403
    assert Application.get_by_id(submitted.id).state == "bij_projectleider"


def test_unknown_workflow_case_or_step_is_a_clear_error(client, submitted, leader, login):
    login(leader)
    assert client.post("/zaak/bestaat-niet/1/stap/x").status_code == 404
    assert client.post("/zaak/toetreding/999999/stap/bevestigen").status_code == 404
    response = client.post(_url(submitted, "toveren"), headers={"HX-Request": "true"})
    assert response.status_code == 404 and "bestaat niet" in response.get_data(as_text=True)


def test_timeline_page_lists_every_step(client, submitted, leader, login):
    login(leader)
    page = client.get(f"/zaak/toetreding/{submitted.id}/tijdlijn").get_data(as_text=True)
    assert "Concept" in page and "Bij de projectleider" in page
