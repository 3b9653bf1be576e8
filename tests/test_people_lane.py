"""The projectleider stays in their lane (issue 24), and the seat form says what it means
(issues 25 and 26): nobody seats themselves; the voorzitter changes only when the outgoing
voorzitter or another regiegroep member confirms, and the regiegroep is told; a person is
chosen, not typed; no group is chosen beforehand; an error stands at its field; a seat
beyond the werkveld's plan is given only with a reason, kept with who gave it."""

from datetime import timedelta

from intranet.clock import today
from intranet.models import Membership, OutboxMessage
from intranet.people.audit import of_person
from intranet.people.models import ChairProposal

YEARS = timedelta(days=4 * 365)


def _seat_form(person, group, **fields):
    data = {
        "person": str(person.id),
        "group": group,
        "starts_on": today().isoformat(),
        "ends_on": (today() + YEARS).isoformat(),
    }
    return {**data, **fields}


def _chair(user):
    return Membership.get(Membership.user == user.id, Membership.group == "regiegroep")


def test_nobody_gives_themselves_a_seat(client, login, make_user):
    leader = make_user("projectleider")
    chair = make_user("regiegroep", voorzitter=True)
    login(leader)
    for group in ("regiegroep", "projectgroep"):
        data = _seat_form(leader, group, voorzitter="y", werkveld="VO", hoofdthema="motivatie")
        response = client.post("/leden/zetels", data=data)
        page = response.get_data(as_text=True)
        assert response.status_code == 403 and "uzelf geen zetel" in page
    assert set(
        Membership.select(Membership.group).where(Membership.user == leader.id).tuples()
    ) == {("projectleider",)}
    assert _chair(chair).voorzitter
    # the list to choose from leaves oneself out
    page = client.get("/leden/").get_data(as_text=True)
    assert f'value="{chair.id}"' in page and f'value="{leader.id}"' not in page


def test_a_regiegroep_member_cannot_make_themselves_voorzitter(client, login, make_user):
    chair = make_user("regiegroep", voorzitter=True)
    member = make_user("regiegroep", "projectleider")  # a projectleider in the regiegroep too
    login(member)
    response = client.post(f"/leden/zetels/{_chair(member).id}/voorzitter")
    assert response.status_code == 403 and "uzelf geen voorzitter" in response.get_data(
        as_text=True
    )
    assert _chair(chair).voorzitter and not ChairProposal.select().exists()


def test_a_new_voorzitter_waits_for_the_regiegroep_and_the_regiegroep_is_told(
    client, login, make_user
):
    leader = make_user("projectleider")
    chair = make_user("regiegroep", voorzitter=True)
    member = make_user("regiegroep")
    other = make_user("regiegroep")
    login(leader)
    response = client.post(f"/leden/zetels/{_chair(member).id}/voorzitter")
    assert response.status_code == 303
    assert _chair(chair).voorzitter and not _chair(member).voorzitter  # not yet
    told = {m.to for m in OutboxMessage.select().where(OutboxMessage.subject.contains("Voorstel"))}
    assert told == {chair.email, member.email, other.email, leader.email}
    proposal = ChairProposal.get()
    assert "voorzitter voorgesteld" in [e.trigger for e in of_person(member)]
    # neither the proposer nor the one proposed decides
    assert client.post(f"/leden/voorzitter/{proposal.id}/bevestigen").status_code == 403
    client.post("/uitloggen")
    login(member)
    page = client.get("/leden/").get_data(as_text=True)
    assert "Voorstel: een nieuwe voorzitter" in page and "Bevestigen" not in page
    assert client.post(f"/leden/voorzitter/{proposal.id}/bevestigen").status_code == 403
    assert _chair(chair).voorzitter
    client.post("/uitloggen")
    # the outgoing voorzitter confirms
    login(chair)
    assert "Bevestigen" in client.get("/leden/").get_data(as_text=True)
    assert client.post(f"/leden/voorzitter/{proposal.id}/bevestigen").status_code == 303
    assert _chair(member).voorzitter and not _chair(chair).voorzitter
    assert Membership.select().where(Membership.voorzitter).count() == 1
    decided = ChairProposal.get_by_id(proposal.id)
    assert decided.outcome == "bevestigd" and decided.decided_by_id == chair.id
    news = OutboxMessage.select().where(OutboxMessage.subject.contains("is voorzitter"))
    assert {m.to for m in news} >= {chair.email, member.email, other.email}
    assert "bevestigd door " + chair.name in news.first().body
    timeline = [e.comment for e in of_person(member)]
    assert any(f"bevestigd door {chair.name}" in line for line in timeline)
    # once decided, a second answer is stale
    again = client.post(f"/leden/voorzitter/{proposal.id}/afwijzen")
    assert again.status_code == 409 and ChairProposal.get_by_id(proposal.id).outcome == "bevestigd"


def test_another_member_may_decline_and_the_voorzitter_stays(client, login, make_user):
    leader = make_user("projectleider")
    chair = make_user("regiegroep", voorzitter=True)
    member = make_user("regiegroep")
    other = make_user("regiegroep")
    login(leader)
    client.post(f"/leden/zetels/{_chair(member).id}/voorzitter")
    proposal = ChairProposal.get()
    client.post("/uitloggen")
    login(other)
    assert client.post(f"/leden/voorzitter/{proposal.id}/afwijzen").status_code == 303
    assert _chair(chair).voorzitter and not _chair(member).voorzitter
    assert ChairProposal.get_by_id(proposal.id).outcome == "afgewezen"
    assert "voorzitter afgewezen" in [e.trigger for e in of_person(member)]
    assert client.post("/leden/voorzitter/999/bevestigen").status_code == 404


def test_a_new_seat_asked_as_voorzitter_is_a_proposal(client, login, make_user):
    leader = make_user("projectleider")
    chair = make_user("regiegroep", voorzitter=True)
    newcomer = make_user()
    login(leader)
    response = client.post("/leden/zetels", data=_seat_form(newcomer, "regiegroep", voorzitter="y"))
    assert response.status_code == 303
    assert _chair(chair).voorzitter and not _chair(newcomer).voorzitter
    assert ChairProposal.get().seat.user_id == newcomer.id


def test_the_form_chooses_a_person_has_no_group_beforehand_and_puts_errors_at_their_field(
    client, login, make_user
):
    login(make_user("projectleider"))
    person = make_user()
    page = client.get(f"/leden/?persoon={person.id}").get_data(as_text=True)
    form = page.split('id="nieuwe-zetel"')[1]
    assert 'id="person" name="person"' in form and f'<option selected value="{person.id}"' in form
    assert 'type="email"' not in form
    group = form.split('<select id="group"')[1].split("</select>")[0]
    assert '<option value="">— kies de groep —</option>' in group and "selected" not in group
    # no group: the error stands at Groep
    data = _seat_form(person, "")
    page = client.post("/leden/zetels", data=data).get_data(as_text=True)
    assert '<small class="error" id="group-error">Kies de groep.</small>' in page
    # a projectgroep seat without werkveld: the error stands at Werkveld, not at Groep
    response = client.post("/leden/zetels", data=_seat_form(person, "projectgroep"))
    page = response.get_data(as_text=True)
    assert response.status_code == 422 and 'id="werkveld-error"' in page
    assert 'id="group-error"' not in page
    # without a hoofdthema in a werkveld of education: at Hoofdthema
    page = client.post("/leden/zetels", data=_seat_form(person, "projectgroep", werkveld="PO"))
    assert 'id="hoofdthema-error"' in page.get_data(as_text=True)
    assert not Membership.select().where(Membership.user == person.id).exists()


def test_a_seat_beyond_the_werkvelds_plan_needs_a_reason_kept_with_who_gave_it(
    client, login, make_user
):
    leader = make_user("projectleider")
    login(leader)
    first, second, third = make_user(), make_user(), make_user()
    for person in (first, second):
        data = _seat_form(person, "projectgroep", werkveld="VO", hoofdthema="overgang")
        assert client.post("/leden/zetels", data=data).status_code == 303
    data = _seat_form(third, "projectgroep", werkveld="VO", hoofdthema="overgang")
    response = client.post("/leden/zetels", data=data)
    page = response.get_data(as_text=True)
    assert response.status_code == 422 and 'id="werkveld-error"' in page
    assert "zoals het plan voorziet" in page and "Boven het plan" in page
    reason = "De derde VO-school van het samenwerkingsverband."
    response = client.post("/leden/zetels", data={**data, "over_plan": f"  {reason} "})
    assert response.status_code == 303
    seat = Membership.get(Membership.user == third.id)
    assert seat.plan_note == reason
    event = of_person(third).first()
    assert event.actor_label == leader.name and reason in event.comment
    page = client.get("/leden/").get_data(as_text=True)
    assert f"Boven het plan: {reason}" in page
    # the gemeente's one seat is the plan too: a second needs its reason
    gemeente = [make_user(), make_user()]
    ok = client.post(
        "/leden/zetels", data=_seat_form(gemeente[0], "projectgroep", werkveld="gemeente")
    )
    assert ok.status_code == 303
    refused = client.post(
        "/leden/zetels", data=_seat_form(gemeente[1], "projectgroep", werkveld="gemeente")
    )
    assert refused.status_code == 422 and "één zetel" in refused.get_data(as_text=True)
