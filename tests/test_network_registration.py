"""Registering for a public meeting without an account: confirm by mail, seats and the
waiting list as for members, cancel from the mail, walk-ins on the day, and nothing leaks."""

import re
from datetime import timedelta

import pytest

from intranet.clock import now
from intranet.models import OutboxMessage
from intranet.network import calendar, registration
from intranet.network.meeting_workflow import WORKFLOW
from intranet.network.models import Meeting, Registration
from intranet.refusals import Refused
from intranet.workflows import engine
from tests.support.network_support import begin, published

LINK = re.compile(r"http://localhost(/aanmelding/[^/\s]+/(?:bevestigen|afmelden))")


def _public(leader, **fields):
    return published(leader, audience="publiek", title="Onderwijscafé", **fields)


def _form(school, email="zoe@example.org", name="Zoë de Vries", **extra):
    return {
        "name": name,
        "email": email,
        "organisation": str(school.id),
        "organisation_other": "",
        "consent": "y",
        **extra,
    }


def _links(email, subject=""):
    messages = OutboxMessage.select().where(
        OutboxMessage.to == email, OutboxMessage.subject.contains(subject)
    )
    return [link for m in messages.order_by(OutboxMessage.id) for link in LINK.findall(m.body)]


def _register(client, meeting, school, **kwargs):
    return client.post(f"/agenda/{meeting.id}", data=_form(school, **kwargs))


def _confirm(client, email):
    (link,) = [link for link in _links(email, "Bevestig") if link.endswith("/bevestigen")]
    return client.post(link)


def test_a_visitor_registers_confirms_and_is_on_the_list_with_their_organisation(
    client, leader, school
):
    meeting = _public(leader, capacity=10)
    response = _register(client, meeting, school)
    assert response.status_code == 303 and response.location.endswith("/aangemeld")
    pending = Registration.get()
    assert pending.answer == "onbevestigd" and pending.email == "zoe@example.org"
    confirmed = _confirm(client, "zoe@example.org")
    assert confirmed.status_code == 200 and "u komt" in confirmed.get_data(as_text=True)
    assert [(r.name, r.organisation_name, r.answer) for r in Registration.listing(meeting)] == [
        ("Zoë de Vries", "Basisschool De Regenboog", "komt")
    ]
    mail = OutboxMessage.get(OutboxMessage.subject.startswith("Aangemeld"))
    assert mail.attachment == f"bijeenkomst:{meeting.id}"
    filename, kind, ics = calendar.attachment(str(meeting.id))
    assert filename == "bijeenkomst.ics" and kind == "text/calendar" and b"BEGIN:VEVENT" in ics
    assert "/afmelden" in mail.body


def test_confirming_twice_is_already_handled(client, leader, school):
    meeting = _public(leader)
    _register(client, meeting, school)
    _confirm(client, "zoe@example.org")
    assert _confirm(client, "zoe@example.org").status_code == 409


def test_cancelling_from_the_mail_frees_the_seat_for_the_first_in_line(client, leader, school):
    meeting = _public(leader, capacity=1)
    for email in ("een@example.org", "twee@example.org"):
        _register(client, meeting, school, email=email, name=email.split("@")[0])
        _confirm(client, email)
    assert {r.email: r.answer for r in Registration.select()} == {
        "een@example.org": "komt",
        "twee@example.org": "wachtlijst",
    }
    (cancel,) = set(link for link in _links("een@example.org") if link.endswith("/afmelden"))
    assert client.get(cancel).status_code == 200  # a button, nothing changes yet
    assert client.post(cancel).status_code == 200
    assert {r.email: r.answer for r in Registration.select()} == {
        "een@example.org": "komt_niet",
        "twee@example.org": "komt",
    }
    assert _links("twee@example.org", "plaats vrij")
    assert client.post(cancel).status_code == 409


def test_an_unconfirmed_registration_holds_its_seat_only_briefly(client, leader, school, app):
    meeting = _public(leader, capacity=1)
    _register(client, meeting, school, email="een@example.org")
    _register(client, meeting, school, email="twee@example.org")
    _confirm(client, "twee@example.org")
    assert Registration.get(Registration.email == "twee@example.org").answer == "wachtlijst"
    old = now() - app.config["MEETING_REGISTRATION_HOLD"] - timedelta(minutes=1)
    Registration.update(created_at=old).where(Registration.email == "een@example.org").execute()
    _register(client, meeting, school, email="drie@example.org")
    Registration.update(created_at=old).where(Registration.email == "drie@example.org").execute()
    _confirm(client, "drie@example.org")
    assert Registration.get(Registration.email == "drie@example.org").answer == "komt"


def test_an_unconfirmed_registration_expires_and_is_removed(client, leader, school, app):
    meeting = _public(leader)
    _register(client, meeting, school)
    expired = now() - app.config["MEETING_REGISTRATION_CONFIRM_WITHIN"] - timedelta(minutes=1)
    Registration.update(created_at=expired).execute()
    assert _confirm(client, "zoe@example.org").status_code == 400
    _register(client, meeting, school, email="ander@example.org")
    assert [r.email for r in Registration.select()] == ["ander@example.org"]


def test_registering_again_reveals_nothing_and_adds_no_second_seat(client, leader, school):
    meeting = _public(leader)
    first = _register(client, meeting, school)
    _confirm(client, "zoe@example.org")
    again = _register(client, meeting, school)
    assert first.status_code == again.status_code == 303 and first.location == again.location
    assert Registration.select().count() == 1
    known = OutboxMessage.get(OutboxMessage.subject.startswith("Uw aanmelding"))
    assert "al aangemeld" in known.body and known.to == "zoe@example.org"


def test_the_public_page_shows_no_names_or_addresses_of_others(client, leader, school):
    meeting = _public(leader)
    _register(client, meeting, school)
    _confirm(client, "zoe@example.org")
    page = client.get(f"/agenda/{meeting.id}").get_data(as_text=True)
    assert "Zoë" not in page and "zoe@example.org" not in page


@pytest.mark.parametrize(
    "field, value",
    [
        ("name", "<script>alert(1)</script>"),
        ("organisation_other", "<b>Bold</b>"),
        ("email", "geen-adres"),
        ("consent", ""),
        ("organisation", ""),
        ("organisation", "999999"),
    ],
)
def test_bad_input_is_refused_and_changes_nothing(client, leader, school, field, value):
    meeting = _public(leader)
    data = _form(school, **{field: value})
    if field == "organisation_other":
        data["organisation"] = "anders"
    response = client.post(f"/agenda/{meeting.id}", data=data)
    assert response.status_code == 422
    assert Registration.select().count() == 0 and OutboxMessage.select().count() == 0


def test_anders_names_the_organisation(client, leader, school):
    meeting = _public(leader)
    data = _form(school, organisation="anders", organisation_other="Bibliotheek Leiden")
    assert client.post(f"/agenda/{meeting.id}", data=data).status_code == 303
    assert Registration.get().organisation_name == "Bibliotheek Leiden"


def test_registering_is_rate_limited(client, leader, school, app):
    meeting = _public(leader)
    limit = app.config["RATE_LIMITS"]["meeting-registration"][0]
    codes = [
        _register(client, meeting, school, email=f"p{n}@example.org").status_code
        for n in range(limit + 1)
    ]
    assert codes[:limit] == [303] * limit and codes[-1] == 429


def test_only_published_public_meetings_have_a_public_page(client, leader, school):
    members_only = published(leader, audience="contactpersonen")
    assert client.get(f"/agenda/{members_only.id}").status_code == 404
    assert _register(client, members_only, school).status_code == 404


def test_after_the_registration_deadline_registering_is_closed(client, leader, school):
    meeting = _public(leader)
    Meeting.update(registration_closes_at=now() - timedelta(hours=1)).execute()
    assert "Aanmelden is gesloten" in client.get(f"/agenda/{meeting.id}").get_data(as_text=True)
    assert _register(client, meeting, school).status_code == 409
    assert Registration.select().count() == 0


def test_an_unknown_link_says_so(client):
    response = client.get("/aanmelding/verzonnen/bevestigen")
    assert response.status_code == 400 and "ongeldig" in response.get_data(as_text=True)


def test_walk_ins_are_added_on_the_day_present(leader, school):
    meeting = _public(leader, days=3)
    with pytest.raises(Refused) as refused:
        registration.add_walk_in(meeting, "Piet", school.id, "")
    assert refused.value.status == 409
    meeting = begin(meeting)
    added = registration.add_walk_in(meeting, "Piet", None, "Eigen bedrijf")
    assert added.attended and added.answer == "komt"
    assert added.organisation_name == "Eigen bedrijf"


def test_the_attendance_list_shows_registrations_with_their_organisation(
    client, login, leader, school
):
    meeting = _public(leader)
    _register(client, meeting, school)
    _confirm(client, "zoe@example.org")
    meeting = begin(meeting)
    login(leader)
    page = client.get(f"/bijeenkomsten/{meeting.id}/aanwezigheid").get_data(as_text=True)
    assert "Zoë de Vries, Basisschool De Regenboog" in page
    guest = Registration.get()
    url = f"/bijeenkomsten/{meeting.id}/aanwezigheid/gast/{guest.id}"
    assert client.post(url, data={"present": "1"}).status_code == 303
    assert Registration.get_by_id(guest.id).attended is True
    response = client.post(
        f"/bijeenkomsten/{meeting.id}/inloop",
        data={"name": "Piet", "organisation": str(school.id), "organisation_other": ""},
    )
    assert response.status_code == 303
    assert Registration.get(Registration.name == "Piet").walk_in


def test_calling_off_tells_the_registered_guests(client, leader, school):
    meeting = _public(leader)
    _register(client, meeting, school)
    _confirm(client, "zoe@example.org")
    engine.fire(WORKFLOW, meeting.id, "afgelasten", leader, comment="Zaal onder water")
    assert OutboxMessage.get(OutboxMessage.subject.startswith("Afgelast")).to == "zoe@example.org"
