"""The regiegroep: escalated cases, the whole case, the discussion, the voorzitter's decision."""

from datetime import timedelta

import pytest

from intranet.admission.models import Comment
from intranet.admission.workflow import WORKFLOW as admission
from intranet.workflows import engine
from intranet.workflows.timers import tick
from tests.support import factories
from tests.support.decide import HTMX, csrf_token, fresh, step, text
from tests.support.factories import cast_vote


def _comment(client, case, words, headers=None):
    return client.post(
        f"/regiegroep/{case.id}/reacties", data={"text": words}, headers=headers or {}
    )


def test_index_lists_escalated_cases_and_earlier_decisions(client, login, cast, make_user):
    waiting = factories.Case(cast.applicant).escalated(cast.leader).get()
    decided = factories.Case(make_user()).escalated(cast.leader).get()
    engine.fire(admission, decided.id, "regiegroep_afwijzen", cast.chair, comment="Nee.")
    factories.Case(make_user(), name="Nog In Stemming").nominated(cast.leader).get()
    login(cast.regie)
    page = text(client.get("/regiegroep/"))
    open_part, earlier = page.split("Eerdere besluiten")
    assert waiting.organisation.name in open_part and decided.organisation.name not in open_part
    assert decided.organisation.name in earlier and "Afgewezen" in earlier
    assert "Nog In Stemming" not in page


def test_the_case_shows_dossier_votes_and_why_it_came_here(client, login, cast):
    case = factories.Case(cast.applicant).nominated(cast.leader).get()
    cast_vote(case.id, cast.members[0], "voor", "Mooi aanbod.")
    cast_vote(case.id, cast.members[1], "tegen", "Te commercieel.")
    cast_vote(case.id, cast.members[2], "twijfel", "Geen idee.")
    login(cast.regie)
    page = text(client.get(f"/regiegroep/{case.id}"))
    assert "Alle leden van de projectgroep stemden, zonder meerderheid" in page
    assert "techniekworkshops" in page and page.count("Een betrouwbare partner.") == 2
    for member, motivation in zip(
        cast.members, ("Mooi aanbod.", "Te commercieel.", "Geen idee."), strict=True
    ):
        assert member.name in page and motivation in page
    assert "1 voor · 1 tegen · 1 twijfel" in page


def test_the_reason_of_a_passed_deadline_is_shown(client, login, cast):
    case = factories.Case(cast.applicant).nominated(cast.leader).get()
    tick(fresh(case).vote_deadline + timedelta(minutes=1))
    login(cast.regie)
    assert "De stemtermijn verstreek zonder meerderheid" in text(
        client.get(f"/regiegroep/{case.id}")
    )


def test_the_projectleiders_doubt_is_shown(client, login, cast):
    case = (
        factories.Case(cast.applicant).escalated(cast.leader, reason="Is dit wel onderwijs?").get()
    )
    login(cast.regie)
    page = text(client.get(f"/regiegroep/{case.id}"))
    assert f"De projectleider ({cast.leader.name}) legt de aanvraag voor" in page
    assert "Is dit wel onderwijs?" in page
    assert "zonder stemming in de projectgroep" in page


def test_a_comment_with_htmx_is_appended_without_a_reload(client, login, cast):
    case = factories.Case(cast.applicant).escalated(cast.leader).get()
    login(cast.regie)
    _comment(client, case, "Eerst het gesprek aangaan.")
    login(cast.chair)
    response = _comment(client, case, "Mee eens; ik bel ze.", headers=HTMX)
    fragment = text(response)
    assert response.status_code == 200 and "HX-Request" in response.headers["Vary"]
    assert fragment.lstrip().startswith('<section id="reacties"') and "<html" not in fragment
    assert 'hx-target="this" hx-swap="outerHTML"' in fragment
    assert fragment.index("Eerst het gesprek aangaan.") < fragment.index("Mee eens; ik bel ze.")
    assert "Bespreking in de regiegroep (2)" in fragment and "Uw reactie is geplaatst." in fragment
    assert cast.regie.name in fragment and cast.chair.name in fragment
    assert '<textarea id="text"' in fragment and "Mee eens; ik bel ze.</textarea>" not in fragment


def test_a_comment_without_javascript_returns_to_the_discussion(client, login, cast):
    case = factories.Case(cast.applicant).escalated(cast.leader).get()
    login(cast.regie)
    response = _comment(client, case, "Goed plan.")
    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"/regiegroep/{case.id}#reacties")
    page = text(client.get(f"/regiegroep/{case.id}"))
    assert "Goed plan." in page and "Uw reactie is geplaatst." in page


@pytest.mark.parametrize("words", ["", "   ", "x" * 5001])
def test_an_empty_or_overlong_comment_is_refused(client, login, cast, words):
    case = factories.Case(cast.applicant).escalated(cast.leader).get()
    login(cast.regie)
    response = _comment(client, case, words, headers=HTMX)
    assert response.status_code == 422
    assert "Schrijf eerst uw reactie." in text(response) or "5000" in text(response)
    assert Comment.select().count() == 0


def test_no_comments_once_decided(client, login, cast):
    case = factories.Case(cast.applicant).escalated(cast.leader).get()
    engine.fire(admission, case.id, "regiegroep_toelaten", cast.chair, comment="Welkom.")
    login(cast.regie)
    page = text(client.get(f"/regiegroep/{case.id}"))
    assert "Reactie plaatsen" not in page and "Toegelaten" in page
    response = _comment(client, case, "Te laat.")
    assert response.status_code == 409 and "al besloten" in text(response)
    assert Comment.select().count() == 0


def test_only_the_voorzitter_gets_the_decision_buttons(client, login, cast):
    case = factories.Case(cast.applicant).escalated(cast.leader).get()
    login(cast.chair)
    page = text(client.get(f"/regiegroep/{case.id}"))
    assert "/stap/regiegroep_toelaten" in page and "/stap/regiegroep_afwijzen" in page
    assert f'name="next" value="/regiegroep/{case.id}"' in page
    login(cast.regie)
    page = text(client.get(f"/regiegroep/{case.id}"))
    assert "/stap/regiegroep_toelaten" not in page and "Alleen voor de voorzitter" in page
    response = step(client, case, "regiegroep_toelaten", "Ik beslis ook.")
    assert response.status_code == 403 and fresh(case).state == "regiegroep"


def test_the_decision_needs_a_motivation(client, login, cast):
    case = factories.Case(cast.applicant).escalated(cast.leader).get()
    login(cast.chair)
    response = step(client, case, "regiegroep_afwijzen", " ", headers=HTMX)
    assert response.status_code == 422 and "motivering van het besluit" in text(response)
    assert fresh(case).state == "regiegroep"


def test_the_decision_without_javascript_returns_to_the_regiegroep_case(client, login, cast):
    case = factories.Case(cast.applicant).escalated(cast.leader).get()
    login(cast.chair)
    back = f"/regiegroep/{case.id}"
    response = step(client, case, "regiegroep_toelaten", "Past bij het netwerk.", next=back)
    assert response.headers["Location"].endswith(back)
    page = text(client.get(back))
    assert "is toegelaten als partner" in page and "Besluit: toegelaten" in page
    assert f"Door {cast.chair.name} op" in page and "Past bij het netwerk." in page


def test_a_second_decision_is_already_handled(client, login, cast):
    case = factories.Case(cast.applicant).escalated(cast.leader).get()
    login(cast.chair)
    step(client, case, "regiegroep_toelaten", "Ja.", expected_state="regiegroep", headers=HTMX)
    again = step(client, case, "regiegroep_afwijzen", "Nee.", "regiegroep", headers=HTMX)
    assert again.status_code == 409 and "al afgehandeld" in text(again)
    assert fresh(case).state == "toegelaten"


def test_a_case_that_was_never_escalated_is_not_the_regiegroeps(client, login, cast):
    case = factories.Case(cast.applicant).with_leader().get()
    login(cast.regie)
    assert client.get(f"/regiegroep/{case.id}").status_code == 403
    assert _comment(client, case, "Hallo").status_code == 403


def test_unknown_cases_are_not_found(client, login, cast):
    login(cast.regie)
    assert client.get("/regiegroep/999999").status_code == 404
    assert client.post("/regiegroep/999999/reacties", data={"text": "Hallo"}).status_code == 404


def test_the_comment_form_works_with_csrf_protection_on(app, client, login, cast):
    case = factories.Case(cast.applicant).escalated(cast.leader).get()
    login(cast.regie)
    app.config["WTF_CSRF_ENABLED"] = True
    page = text(client.get(f"/regiegroep/{case.id}"))
    form = page.split('id="reacties"')[1]
    token = csrf_token(form)
    assert _comment(client, case, "Zonder token.").status_code == 400
    response = client.post(
        f"/regiegroep/{case.id}/reacties", data={"text": "Met token.", "csrf_token": token}
    )
    assert response.status_code == 303 and Comment.get().text == "Met token."
