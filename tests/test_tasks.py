"""'Mijn taken': every logged-in user lands on what waits for them, soonest deadline first."""

from datetime import timedelta

from intranet.admission.models import Application, Comment
from intranet.admission.workflow import WORKFLOW as admission
from intranet.clock import now
from intranet.models import Contact, Membership
from intranet.workflows import engine
from tests.conftest import PASSWORD
from tests.support import factories
from tests.support.decide import people, text
from tests.support.factories import cast_vote
from tests.support.query_count import counting_queries
from tests.support.rounds_support import open_renewal, renewal_setup
from tests.support.tasks_support import task_titles
from tests.support.weekly_support import application, at_vote, escalated, with_leader


def _deadline(case, days):
    Application.update(vote_deadline=now() + timedelta(days=days)).where(
        Application.id == case.id
    ).execute()


def test_every_logged_in_user_lands_on_mijn_taken(client, make_user):
    for user in (make_user("projectleider"), make_user("projectgroep"), make_user()):
        response = client.post(
            "/inloggen", data={"email": user.email, "password": "correct horse battery"}
        )
        assert client.get(response.headers["Location"]).headers["Location"] == "/taken/"
        assert "<h1>Mijn taken</h1>" in text(client.get("/taken/"))
        client.post("/uitloggen")


def test_a_member_sees_the_votes_not_yet_cast_soonest_deadline_first(client, login, make_user):
    cast = people(make_user)
    later = at_vote(make_user(), cast.leader, name="Later BV")
    sooner = at_vote(make_user(), cast.leader, name="Eerder BV")
    done = at_vote(make_user(), cast.leader, name="Gestemd BV")
    _deadline(later, 9)
    _deadline(sooner, 2)
    cast_vote(done.id, cast.members[0], "voor", "")
    login(cast.members[0])
    titles = task_titles(client)
    assert len(titles) == 2
    assert "Eerder BV" in titles[0] and "Later BV" in titles[1]
    assert "Gestemd BV" not in text(client.get("/taken/"))


def test_a_contactpersoons_signing_deadline_stands_at_the_top(
    client, login, make_user, make_organisation
):
    partner = make_organisation(name="Museum Boerhaave")
    member = make_user("projectgroep", organisation=partner)  # also in the projectgroep
    leader = make_user("projectleider")
    _, following = renewal_setup()
    open_renewal(following, days=30)
    soon = at_vote(make_user(), leader, name="Stem Eerst BV")
    _deadline(soon, 1)
    login(member)
    titles = task_titles(client)
    assert "Teken het nieuwe convenant voor Museum Boerhaave" in titles[0]
    assert "Stem Eerst BV" in titles[1]


def test_the_menu_counts_the_tasks(client, login, make_user):
    cast = people(make_user)
    at_vote(make_user(), cast.leader)
    at_vote(make_user(), cast.leader)
    login(cast.members[0])
    page = text(client.get("/partners/"))
    assert 'class="task-count" aria-hidden="true">2</span>' in page
    assert "(2 wachten)" in page


def test_the_projectleider_sees_applications_to_handle_and_partners_without_achtervang(
    client, login, make_user, make_organisation
):
    leader = make_user("projectleider")
    with_leader(make_user(), route="basis", name="Bakkerij De Korenschoof")
    make_organisation(name="Zonder Achtervang")
    login(leader)
    page = text(client.get("/taken/"))
    assert "Beoordeel de aanmelding van Bakkerij De Korenschoof" in page
    assert "1 partner zonder achtervang" in page


def test_the_voorzitter_decides_and_the_regiegroep_discusses_escalated_cases(
    client, login, make_user
):
    cast = people(make_user)
    escalated(make_user(), cast.leader)
    login(cast.chair)
    assert "Besluit over de aanmelding" in text(client.get("/taken/"))
    login(cast.regie)
    assert "Bespreek de aanmelding" in text(client.get("/taken/"))


def test_an_applicant_is_asked_to_finish_a_draft_and_to_answer_a_question(client, login, make_user):
    applicant, leader = make_user(), make_user("projectleider")
    application(applicant, name="Conceptje")
    asked = with_leader(make_user(), route="basis", name="Gevraagd")
    engine.fire(admission, asked.id, "aanvulling_vragen", leader, comment="Hoeveel leerlingen?")
    login(applicant)
    assert "Maak de aanmelding van Conceptje af" in text(client.get("/taken/"))
    login(asked.applicant)
    assert "Beantwoord de vraag van de projectleider over Gevraagd" in text(client.get("/taken/"))


def test_a_long_list_shows_the_first_of_each_kind_and_the_rest_on_request(
    client, login, make_user, monkeypatch
):
    monkeypatch.setattr("intranet.tasks.routes.PER_KIND", 2)
    cast = people(make_user)
    cases = [at_vote(make_user(), cast.leader, name=f"Stemzaak {n}") for n in range(3)]
    for days, case in zip((9, 2, 5), cases, strict=True):
        _deadline(case, days)
    login(cast.members[0])
    titles = task_titles(client)
    assert len(titles) == 2  # the two soonest deadlines
    assert "Stemzaak 1" in titles[0] and "Stemzaak 2" in titles[1]
    page = text(client.get("/taken/"))
    assert "3 taken wachten op u" in page
    assert "nog 1 taak niet getoond" in page and 'href="/taken/?alle=1"' in page
    everything = text(client.get("/taken/?alle=1"))
    assert everything.count('class="task-title"') == 3 and "niet getoond" not in everything
    assert text(client.get("/taken/?alle=ja")).count('class="task-title"') == 2


def test_nothing_waiting_says_so(client, login, make_user):
    login(make_user())
    assert "Er wacht nu niets op u." in text(client.get("/taken/"))


def _fill(cast, make_user, make_organisation, size):
    for _ in range(size):
        at_vote(make_user(), cast.leader)
        with_leader(make_user(), route="basis")
        case = escalated(make_user(), cast.leader)
        Comment.create(application=case, author=cast.chair, text="Even bespreken.")
        make_organisation()
        application(cast.chair, name=f"Concept {make_organisation().id}")


def test_mijn_taken_costs_the_same_queries_for_one_task_or_many(
    client, login, make_user, make_organisation
):
    cast = people(make_user)
    # one person in every role: projectleider, projectgroep, voorzitter, contactpersoon
    for group in ("projectleider", "projectgroep"):
        Membership.create(user=cast.chair, group=group)
    Contact.create(organisation=make_organisation(), user=cast.chair)
    login(cast.chair)
    _fill(cast, make_user, make_organisation, 1)
    with counting_queries() as few:
        assert client.get("/taken/").status_code == 200
    _fill(cast, make_user, make_organisation, 5)
    with counting_queries() as many:
        page = text(client.get("/taken/"))
    assert page.count('class="task-title"') > 15
    assert many["n"] == few["n"]


def test_the_partner_page_opens_with_the_signing_deadline(
    client, login, make_user, make_organisation
):
    museum = make_organisation(name="Museum Boerhaave")
    contact = make_user(organisation=museum)
    _, following = renewal_setup()
    open_renewal(following, days=30)
    login(contact)
    page = text(client.get(f"/partners/{museum.id}"))
    top = page[page.index("<h1>") : page.index('id="profiel-title"')]
    assert "Ondertekening convenant: uiterlijk" in top
    assert "Naar de ondertekening" in top


def test_each_person_sees_only_their_own_tasks_and_count(app, client, login):
    """Two members, one vote cast: each person's list and menu count are their own."""
    leader = factories.person("projectleider")
    voted, waiting = factories.person("projectgroep"), factories.person("projectgroep")
    case = factories.Case(factories.person(), name="Gedeelde Zaak")
    case.nominated(leader).voted(voted, "voor")
    other = app.test_client()
    login(voted)
    answer = other.post("/inloggen", data={"email": waiting.email, "password": PASSWORD})
    assert answer.status_code == 302
    for _ in range(2):
        mine, theirs = text(client.get("/taken/")), text(other.get("/taken/"))
        assert "Stem over de aanmelding van Gedeelde Zaak" not in mine
        assert "Stem over de aanmelding van Gedeelde Zaak" in theirs
        assert '<span class="task-count"' not in mine
        assert '<span class="task-count" aria-hidden="true">1</span>' in theirs
    assert '<span class="task-count" aria-hidden="true">1</span>' in text(other.get("/stemmen/"))


def test_the_menu_count_is_the_number_of_tasks_on_every_page(
    client, login, make_user, make_organisation
):
    cast = people(make_user)
    for group in ("projectleider", "projectgroep"):
        Membership.create(user=cast.chair, group=group)
    Contact.create(organisation=make_organisation(), user=cast.chair)
    _fill(cast, make_user, make_organisation, 2)
    login(cast.chair)
    listed = text(client.get("/taken/")).count('class="task-title"')
    assert listed > 5
    count = f'<span class="task-count" aria-hidden="true">{listed}</span>'
    assert count in text(client.get("/taken/")) and count in text(client.get("/dashboard/"))
