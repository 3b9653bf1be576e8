"""The dashboard's convenant promises, attendance on a phone, and the jaargesprekken pages."""

from datetime import timedelta

import pytest

from intranet.clock import today
from intranet.network import jaargesprek
from intranet.network.models import Invitation
from intranet.network.promises import section
from intranet.network.rsvp import answer
from intranet.schooljaar import schooljaar_of
from tests.support.decide import HTMX
from tests.support.network_support import begin, published


def test_partners_whose_ambassador_had_fewer_than_two_invitations_are_listed(
    make_user, make_organisation, leader
):
    twice, once = make_organisation(name="Twee keer"), make_organisation(name="Eén keer")
    ambassador, other = make_user(organisation=twice), make_user(organisation=once)
    backup = make_user(organisation=once, kind="achtervang")
    published(leader, people=[ambassador, other], days=1)
    published(leader, people=[ambassador, backup], days=2)  # an achtervang does not count
    published(leader, people=[other], days=3, kind="themabijeenkomst")  # nor a themabijeenkomst
    data = section()
    assert [p.name for p in data["under_invited"]] == ["Eén keer"]


def test_partners_without_a_jaargesprek_are_listed(make_organisation, leader):
    talked, silent = make_organisation(name="Gesproken"), make_organisation(name="Stil")
    jaargesprek.save(talked, schooljaar_of(), leader, planned_on=today(), who="Projectleider")
    assert [p.name for p in section()["without_jaargesprek"]] == [silent.name]


def test_attendance_is_counted_per_werkveld_and_schooljaar(make_user, make_organisation, leader):
    school = make_user(organisation=make_organisation(sector="PO"))
    museum = make_user(organisation=make_organisation(sector="cultuur"))
    meeting = published(leader, people=[school, museum])
    for person in (school, museum):
        answer(meeting.id, person.id, "komt")
    Invitation.update(attended=True).where(Invitation.user == school.id).execute()
    rows = section()["attendance"]
    year = schooljaar_of(meeting.starts_at.date())
    assert rows == [("PO", f"{year}-{year + 1}", 1)]


def test_the_dashboard_shows_the_section_with_its_chart(
    client, login, make_user, make_organisation, leader
):
    person = make_user(organisation=make_organisation(sector="VO"))
    published(leader, people=[person])
    Invitation.update(attended=True).execute()
    login(leader)
    page = client.get("/dashboard/").get_data(as_text=True)
    assert "Beloftes van het convenant" in page and 'id="chart-attendance' in page
    assert "VO · " in page


def test_attendance_is_a_tap_per_person_with_htmx_and_without(client, login, make_user, leader):
    first, second = make_user(), make_user()
    meeting = begin(published(leader, people=[first, second]))
    ids = {i.user_id: i.id for i in Invitation.select()}
    login(leader)
    url = f"/bijeenkomsten/{meeting.id}/aanwezigheid/{ids[first.id]}"
    swapped = client.post(url, data={"present": "1"}, headers=HTMX)
    assert swapped.status_code == 200
    assert swapped.get_data(as_text=True).lstrip().startswith(f'<li id="persoon-{ids[first.id]}"')
    plain = client.post(
        f"/bijeenkomsten/{meeting.id}/aanwezigheid/{ids[second.id]}", data={"present": "1"}
    )
    assert plain.status_code == 303 and plain.location.endswith(f"#persoon-{ids[second.id]}")
    assert {i.user_id: i.attended for i in Invitation.select()} == {first.id: True, second.id: True}
    client.post(url, data={"present": "0"})
    assert Invitation.get_by_id(ids[first.id]).attended is False


def test_attendance_before_the_meeting_begins_is_refused(client, login, make_user, leader):
    meeting = published(leader, people=[make_user()])
    invitation = Invitation.get()
    login(leader)
    response = client.post(
        f"/bijeenkomsten/{meeting.id}/aanwezigheid/{invitation.id}",
        data={"present": "1"},
        headers=HTMX,
    )
    assert response.status_code == 409 and Invitation.get().attended is None


@pytest.mark.parametrize("htmx", [True, False])
def test_an_unknown_person_before_the_meeting_begins_is_not_found(
    client, login, make_user, leader, htmx
):
    meeting = published(leader, people=[make_user()])
    login(leader)
    response = client.post(
        f"/bijeenkomsten/{meeting.id}/aanwezigheid/0",
        data={"present": "1"},
        headers=HTMX if htmx else {},
    )
    assert response.status_code == (404 if htmx else 303)
    assert Invitation.get().attended is None


def test_the_projectleider_plans_and_records_a_jaargesprek(
    client, login, make_organisation, leader
):
    partner = make_organisation(name="SCOL")
    login(leader)
    day = today() + timedelta(days=3)
    response = client.post(
        f"/jaargesprekken/{partner.id}", data={"planned_on": day.isoformat(), "who": "Directeur"}
    )
    assert response.status_code == 303
    talk = jaargesprek.Jaargesprek.get()
    assert (talk.state, talk.planned_on, talk.schooljaar) == ("gepland", day, schooljaar_of())
    client.post(
        f"/jaargesprekken/{partner.id}",
        data={
            "planned_on": day.isoformat(),
            "who": "Directeur",
            "held": "y",
            "notes": "Goed.",
            "follow_ups": "Aansluiten bij AI.",
        },
    )
    talk = jaargesprek.Jaargesprek.get()
    assert (talk.state, talk.notes, talk.follow_ups) == ("gehouden", "Goed.", "Aansluiten bij AI.")
    assert jaargesprek.Jaargesprek.select().count() == 1
    overview = client.get("/jaargesprekken/").get_data(as_text=True)
    assert "SCOL" in overview and "Gehouden" in overview


@pytest.mark.parametrize("year", ["abc", "1990", "99999999999"])
def test_a_nonsense_schooljaar_is_a_404(client, login, leader, year):
    login(leader)
    assert client.get(f"/jaargesprekken/?jaar={year}").status_code == 404


def test_a_jaargesprek_needs_a_date_and_a_person(client, login, make_organisation, leader):
    partner = make_organisation()
    login(leader)
    response = client.post(f"/jaargesprekken/{partner.id}", data={"planned_on": "", "who": " "})
    assert response.status_code == 422 and not jaargesprek.Jaargesprek.select().exists()
