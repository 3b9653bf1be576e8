"""Accessibility in the HTML itself (both database passes): errors name their field, the
menu shows what a person can use."""

from tests.support import decide, factories
from tests.support.decide import HTMX


def test_a_step_refused_for_a_blank_comment_marks_its_field_described_by_the_message(
    client, login, make_user
):
    people = decide.people(make_user)
    case = factories.Case(people.applicant, route="basis").with_leader().get()
    login(people.leader)
    page = decide.text(decide.step(client, case, "aanvulling_vragen", "  ", headers=HTMX))
    message_id = f"case-message-toetreding-{case.id}"
    assert f'id="{message_id}"' in page and "Vul in: uw vraag aan de aanvrager." in page
    field = page.split(f'id="comment-aanvulling_vragen-{case.id}"', 1)[1].split(">", 1)[0]
    assert 'aria-invalid="true"' in field and f'aria-describedby="{message_id}"' in field
    other = page.split(f'id="comment-afwijzen-{case.id}"', 1)[1].split(">", 1)[0]
    assert "aria-invalid" not in other


def test_a_step_refused_for_another_reason_marks_no_field(client, login, make_user):
    people = decide.people(make_user)
    case = factories.Case(people.applicant, route="basis").with_leader().get()
    login(people.leader)
    answer = decide.step(
        client, case, "aanvulling_vragen", "Hoeveel?", expected_state="concept", headers=HTMX
    )
    assert answer.status_code == 409
    assert "aria-invalid" not in decide.text(answer)


def test_the_error_summary_links_a_choice_to_its_first_option(client, login, make_user):
    people = decide.people(make_user)
    case = factories.Case(people.applicant).nominated(people.leader).get()
    page = decide.text(decide.vote(client, login, people.members[0], case, ""))
    assert 'href="#choice-0"' in page and 'id="choice-0"' in page


def test_the_menu_offers_my_application_only_to_people_without_a_group(
    client, login, make_user, make_organisation
):
    applicant, member = make_user(), make_user("projectgroep")
    contact = make_user(organisation=make_organisation())
    for person, shown in ((applicant, True), (contact, True), (member, False)):
        login(person)
        assert ("Mijn aanmelding" in decide.text(client.get("/partners/"))) is shown
        client.post("/uitloggen")
