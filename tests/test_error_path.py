"""One error path: for htmx a notice for the notice area, never a whole page in a swap target;
without htmx the page with the message."""

from werkzeug.exceptions import TooManyRequests

from intranet import tokens
from intranet.refusals import Refused
from intranet.workflows import engine
from tests.support.decide import HTMX, text


def _is_notice(response, status, words):
    html = text(response)
    assert response.status_code == status
    assert response.headers["HX-Retarget"] == "#meldingen"
    assert response.headers["HX-Reswap"] == "innerHTML"
    assert "<html" not in html and "<nav" not in html
    assert html.lstrip().startswith('<p class="notice error" data-announce=')
    assert words in html


def test_an_unknown_page_asked_by_htmx_is_a_notice(client):
    _is_notice(client.get("/bestaat-niet", headers=HTMX), 404, "Niet gevonden")


def test_a_body_that_is_no_form_sent_by_htmx_is_a_notice(client, make_user, login):
    login(make_user())
    response = client.post(
        "/wachtwoord-vergeten", data='{"email": 1}', content_type="application/json", headers=HTMX
    )
    _is_notice(response, 415, "alleen formulieren")


def test_too_many_requests_asked_by_htmx_is_a_notice_with_retry_after(app):
    with app.test_request_context("/inloggen", headers=HTMX):
        response = app.handle_user_exception(TooManyRequests(retry_after=60))
    _is_notice(response, 429, "Even geduld")
    assert response.headers["Retry-After"] == "60"


def test_a_step_the_engine_refuses_by_role_is_a_notice_for_htmx(
    client, login, make_user, submitted
):
    login(make_user("projectgroep", "projectleider"))  # may view it; the step is not theirs
    response = client.post(
        f"/zaak/toetreding/{submitted.id}/stap/intrekken",
        data={"expected_state": "bij_projectleider"},
        headers=HTMX,
    )
    _is_notice(response, 403, "Alleen voor de aanvrager.")


def test_without_htmx_the_same_refusal_is_the_page_with_the_message(
    client, login, make_user, submitted
):
    login(make_user("projectgroep", "projectleider"))
    response = client.post(
        f"/zaak/toetreding/{submitted.id}/stap/intrekken",
        data={"expected_state": "bij_projectleider"},
    )
    html = text(response)
    assert response.status_code == 403 and "<html" in html
    assert "Alleen voor de aanvrager." in html and "HX-Retarget" not in response.headers


def test_a_workflow_error_nobody_catches_is_answered_by_the_one_handler(app):
    with app.test_request_context("/", headers=HTMX):
        response = app.handle_user_exception(engine.AlreadyHandled("Dit is al afgehandeld."))
    _is_notice(response, 409, "Dit is al afgehandeld.")
    with app.test_request_context("/"):
        response = app.handle_user_exception(engine.CaseNotFound("Dit dossier bestaat niet."))
    assert response.status_code == 404 and "Dit dossier bestaat niet." in text(response)


def test_any_refusal_nobody_catches_is_answered_by_the_one_handler(app):
    with app.test_request_context("/", headers=HTMX):
        response = app.handle_user_exception(Refused("Deze ronde bestaat niet.", 404))
    _is_notice(response, 404, "Deze ronde bestaat niet.")
    with app.test_request_context("/"):
        response = app.handle_user_exception(Refused("Kies een datum."))
    assert response.status_code == 422 and "Kies een datum." in text(response)
    with app.test_request_context("/"):
        response = app.handle_user_exception(tokens.LinkError(tokens.EXPIRED))
    assert response.status_code == 400 and "verlopen" in text(response)
