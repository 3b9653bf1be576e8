"""The projectgroep's discussion on the vote page (issue 26): members and the projectleider
post before and while voting, each contribution on the case's timeline; the applicant never
sees it, and it closes with the vote."""

from intranet.admission.models import Comment
from intranet.admission.workflow import WORKFLOW as admission
from intranet.workflows import engine
from intranet.workflows.models import AuditEvent
from tests.support.decide import HTMX, text
from tests.support.factories import cast_vote


def _comment(client, case, words, headers=None):
    return client.post(f"/stemmen/{case.id}/reacties", data={"text": words}, headers=headers or {})


def test_a_member_discusses_before_voting_without_javascript(client, login, cast, nominated):
    login(cast.members[0])
    page = text(client.get(f"/stemmen/{nominated.id}"))
    assert "Bespreking in de projectgroep (0)" in page and "Nog geen reacties." in page
    assert page.index('id="reacties"') < page.index(f'id="vote-panel-{nominated.id}"')
    response = _comment(client, nominated, "Hoe groot is hun bereik in Leiden-Noord?")
    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"/stemmen/{nominated.id}#reacties")
    page = text(client.get(response.headers["Location"]))
    assert "Uw reactie is geplaatst." in page and "Hoe groot is hun bereik" in page
    assert "Bespreking in de projectgroep (1)" in page and cast.members[0].name in page
    assert "Stem uitbrengen" in page  # posting did not vote


def test_the_projectleider_answers_with_htmx_and_the_discussion_is_appended(
    client, login, cast, nominated
):
    login(cast.members[0])
    _comment(client, nominated, "Hoe groot is hun bereik?")
    login(cast.leader)
    response = _comment(client, nominated, "Zo'n 400 leerlingen per jaar.", headers=HTMX)
    fragment = text(response)
    assert response.status_code == 200 and "HX-Request" in response.headers["Vary"]
    assert fragment.lstrip().startswith('<section id="reacties"') and "<html" not in fragment
    assert f'hx-post="/stemmen/{nominated.id}/reacties"' in fragment
    assert f'action="/stemmen/{nominated.id}/reacties"' in fragment
    assert fragment.index("Hoe groot is hun bereik?") < fragment.index("Zo&#39;n 400 leerlingen")
    assert "Bespreking in de projectgroep (2)" in fragment
    assert "Uw reactie is geplaatst." in fragment
    assert cast.leader.name in fragment and cast.members[0].name in fragment


def test_each_contribution_is_on_the_timeline_for_the_deciders_only(client, login, cast, nominated):
    login(cast.members[1])
    _comment(client, nominated, "Ik ken ze van de Museumnacht.")
    (event,) = AuditEvent.select().where(AuditEvent.trigger == "reactie_projectgroep")
    assert (event.case_id, event.actor_label) == (nominated.id, cast.members[1].name)
    assert event.payload["comment"] == Comment.get().id
    timeline = text(client.get(f"/aanmelding/{nominated.id}"))
    assert "reactie in de projectgroep" in timeline and cast.members[1].name in timeline
    login(cast.applicant)
    own = text(client.get(f"/aanmelding/{nominated.id}"))
    assert "reactie in de projectgroep" not in own and "Museumnacht" not in own
    assert cast.members[1].name not in own


def test_the_applicant_and_others_never_see_or_post(client, login, cast, nominated):
    login(cast.members[0])
    _comment(client, nominated, "Alleen voor ons.")
    for outsider in (cast.applicant, cast.regie, cast.outsider):
        login(outsider)
        assert client.get(f"/stemmen/{nominated.id}").status_code == 403
        assert _comment(client, nominated, "Mag ik meepraten?").status_code == 403
    assert Comment.select().count() == 1


def test_an_empty_comment_is_refused_beside_the_field(client, login, cast, nominated):
    login(cast.members[0])
    response = _comment(client, nominated, "   ", headers=HTMX)
    assert response.status_code == 422 and "Schrijf eerst uw reactie." in text(response)
    assert 'href="#text"' in text(response) and Comment.select().count() == 0


def test_the_discussion_closes_with_the_vote_and_stays_readable(client, login, cast, nominated):
    login(cast.members[0])
    _comment(client, nominated, "Ik ben voor.")
    for member in cast.members[:2]:
        cast_vote(nominated.id, member, "voor")
    page = text(client.get(f"/stemmen/{nominated.id}"))
    assert "Ik ben voor." in page and "Reactie plaatsen" not in page
    response = _comment(client, nominated, "Te laat.", headers=HTMX)
    assert response.status_code == 409 and "De stemming is gesloten" in text(response)
    assert Comment.select().count() == 1


def test_the_two_discussions_stay_apart(client, login, cast, nominated):
    login(cast.members[0])
    _comment(client, nominated, "In de projectgroep gezegd.")
    engine.fire(admission, nominated.id, "escaleren", cast.leader, comment="Twijfel.")
    login(cast.regie)
    client.post(f"/regiegroep/{nominated.id}/reacties", data={"text": "In de regiegroep gezegd."})
    page = text(client.get(f"/regiegroep/{nominated.id}"))
    assert "In de regiegroep gezegd." in page and "In de projectgroep gezegd." not in page
    login(cast.members[0])
    page = text(client.get(f"/stemmen/{nominated.id}"))
    assert "In de projectgroep gezegd." in page and "In de regiegroep gezegd." not in page
    login(cast.leader)
    printed = text(client.get(f"/aanmelding/{nominated.id}/dossier"))
    assert "Bespreking in de projectgroep" in printed and "In de projectgroep gezegd." in printed
    assert "Bespreking in de regiegroep" in printed and "In de regiegroep gezegd." in printed
