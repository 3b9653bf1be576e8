"""Privacy (AVG): the statement, retention by tick, a person's export and anonymisation (of
partners' activities too)."""

import json
from datetime import timedelta

from intranet.activities.models import Activity
from intranet.clock import now
from intranet.models import LoginAttempt, Membership, OutboxMessage, UsedLink, User
from intranet.privacy.retention import PRUNED_BODY, prune
from intranet.throttle import KNOWN_FOR
from intranet.workflows.models import AuditEvent
from tests.conftest import PASSWORD
from tests.support.activities_support import activity_fields, publish_activity, submit_activity
from tests.support.logins import client_as


def _event(user, comment=""):
    return AuditEvent.create(
        workflow="admission", case_id=1, from_state="a", to_state="b", trigger="stap",
        actor=user, actor_label=user.name, comment=comment,
    )  # fmt: skip


def test_the_privacy_page_says_what_is_kept_how_long_and_whom_to_ask(app, client):
    app.config["PRIVACY_CONTACT"] = "privacy@leidseaanpak.example.org"
    page = client.get("/privacy").get_data(as_text=True)
    assert "Mislukte inlogpogingen" in page and "30 dagen" in page and "90 dagen" in page
    assert "privacy@leidseaanpak.example.org" in page and "Autoriteit Persoonsgegevens" in page
    assert 'href="/privacy"' in client.get("/").get_data(as_text=True)


def test_tick_removes_login_attempts_used_links_and_sent_bodies_past_their_time(app):
    old, recent = now() - timedelta(days=400), now() - timedelta(days=1)
    LoginAttempt.insert_many(
        [{"key": "account:a@x.org", "at": old}, {"key": "account:b@x.org", "at": recent}]
    ).execute()
    UsedLink.insert_many(
        [
            {"nonce": "oud", "purpose": "p", "used_at": old},
            {"nonce": "nieuw", "purpose": "p", "used_at": recent},
        ]
    ).execute()
    rows = [("sent", old), ("stored", old), ("failed", old), ("queued", old), ("sent", recent)]
    OutboxMessage.insert_many(
        [
            {
                "to": f"{n}@x.org",
                "subject": "s",
                "body": "geheim",
                "status": s,
                "created_at": at,
                "sent_at": at if s in ("sent", "stored") else None,
            }
            for n, (s, at) in enumerate(rows)
        ]
    ).execute()
    assert app.test_cli_runner().invoke(args=["workflows", "tick"]).exit_code == 0
    assert [a.key for a in LoginAttempt.select()] == ["account:b@x.org"]
    assert [link.nonce for link in UsedLink.select()] == ["nieuw"]
    bodies = [m.body for m in OutboxMessage.select().order_by(OutboxMessage.id)]
    assert bodies == [PRUNED_BODY, PRUNED_BODY, "geheim", "geheim", "geheim"]  # unsent ones stay


def test_a_known_client_is_remembered_for_known_for_not_for_the_retention_of_tries(app):
    LoginAttempt.insert_many(
        [
            {"key": "known:a@x.org|10.0.0.1", "at": now() - KNOWN_FOR - timedelta(days=1)},
            {"key": "known:b@x.org|10.0.0.1", "at": now() - timedelta(days=100)},
        ]
    ).execute()
    assert prune()["login_attempts"] == 1
    assert [a.key for a in LoginAttempt.select()] == ["known:b@x.org|10.0.0.1"]


def test_a_used_link_is_kept_as_long_as_any_link_could_still_work(app):
    app.config["KEEP_USED_LINKS"] = timedelta(days=1)
    UsedLink.create(nonce="tien-dagen", purpose="referee", used_at=now() - timedelta(days=10))
    prune()
    assert UsedLink.select().count() == 1  # a referee link lives 21 days


def test_people_export_writes_everything_stored_about_a_person_as_json(
    app, runner, make_user, make_organisation
):
    person = make_user("projectgroep", organisation=make_organisation(name="School A"))
    _event(person, "gestemd")
    OutboxMessage.create(to=person.email, subject="Welkom", body="Hallo")
    LoginAttempt.create(key=f"account:{person.email}")
    LoginAttempt.create(key=f"known:{person.email}|127.0.0.1")
    LoginAttempt.create(key=f"known:x{person.email}|127.0.0.1")  # someone else's
    result = runner.invoke(args=["people", "export", person.email])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)  # the log lines go to stderr
    assert data["account"]["email"] == person.email and "password_hash" not in data["account"]
    records = data["records"]
    assert [m["group"] for m in records["membership"]] == ["projectgroep"]
    assert len(records["contact"]) == 1 and records["outbox_message"][0]["subject"] == "Welkom"
    keys = {attempt["key"] for attempt in records["login_attempt"]}
    assert keys == {f"account:{person.email}", f"known:{person.email}|127.0.0.1"}
    assert records["audit_event"][0]["comment"] == "gestemd"
    audit = AuditEvent.get(AuditEvent.workflow == "personen")
    assert audit.case_id == person.id and audit.trigger == "exporteren"


def test_people_anonymise_closes_the_account_and_replaces_the_name_keeping_events(
    runner, client, make_user
):
    person = make_user("regiegroep")
    other = make_user("projectleider")
    mine = _event(person, "eigen stap")
    about = _event(other, f"Besproken met {person.name} en anderen")
    OutboxMessage.create(to=person.email, subject="Welkom", body=f"Beste {person.name}")
    LoginAttempt.create(key=f"known:{person.email}|127.0.0.1")
    old_email = person.email
    result = runner.invoke(args=["people", "anonymise", old_email, "--yes"])
    assert result.exit_code == 0, result.output
    person = User.get_by_id(person.id)
    assert person.name == f"Geanonimiseerd #{person.id}" and not person.active
    assert person.email.endswith("@example.invalid") and person.password_hash is None
    assert not Membership.select().where(Membership.user == person.id).exists()
    assert AuditEvent.get_by_id(mine.id).actor_label == person.name  # the event stays
    assert AuditEvent.get_by_id(about.id).comment == f"Besproken met {person.name} en anderen"
    assert not OutboxMessage.select().where(OutboxMessage.to == old_email).exists()
    assert not LoginAttempt.select().where(LoginAttempt.key.contains(old_email)).exists()
    assert AuditEvent.get(AuditEvent.trigger == "anonimiseren").case_id == person.id
    response = client.post("/inloggen", data={"email": old_email, "password": PASSWORD})
    assert response.status_code == 200  # no way in


def test_the_projectleider_downloads_a_persons_data_from_the_page(client, make_user, login):
    leader = make_user("projectleider")
    person = make_user("projectgroep")
    login(leader)
    assert "/beheer/personen/privacy" in client.get("/privacy").get_data(as_text=True)
    page = client.get(f"/beheer/personen/privacy?email={person.email}").get_data(as_text=True)
    assert person.name in page and "Alle gegevens downloaden" in page
    response = client.post(f"/beheer/personen/{person.id}/export")
    assert (
        response.mimetype == "application/json"
        and "attachment" in response.headers["Content-Disposition"]
    )
    assert response.json["account"]["id"] == person.id
    assert AuditEvent.get(AuditEvent.workflow == "personen").actor_id == leader.id


def test_anonymising_from_the_page_needs_the_confirmation(client, make_user, login):
    login(make_user("projectleider"))
    person = make_user("projectgroep")
    response = client.post(f"/beheer/personen/{person.id}/anonimiseren", follow_redirects=True)
    assert "niet ongedaan" in response.get_data(as_text=True)
    assert User.get_by_id(person.id).name == person.name
    response = client.post(
        f"/beheer/personen/{person.id}/anonimiseren", data={"bevestig": "ja"}, follow_redirects=True
    )
    assert "Het account is gesloten" in response.get_data(as_text=True)
    assert User.get_by_id(person.id).name.startswith("Geanonimiseerd")


def test_the_projectleider_cannot_anonymise_their_own_account(client, make_user, login):
    leader = make_user("projectleider")
    login(leader)
    response = client.post(
        f"/beheer/personen/{leader.id}/anonimiseren", data={"bevestig": "ja"}, follow_redirects=True
    )
    assert "eigen account" in response.get_data(as_text=True)
    assert User.get_by_id(leader.id).active


def test_the_export_holds_the_activities_a_person_submitted_and_the_steps_they_took(
    app, runner, make_user, make_organisation
):
    museum = make_organisation(name="Museum Boerhaave", membership_type="uitgebreid")
    contact = make_user(organisation=museum, name="Sanne Jansen")
    leader = make_user("projectleider", name="Petra de Leider")
    activity = submit_activity(client_as(app, contact), museum)
    reviewer = client_as(app, leader)
    publish_activity(reviewer, activity)
    data = {"reason": "Gaat niet door.", "bevestigd": "ja"}
    assert reviewer.post(f"/activiteiten/{activity.id}/offline", data=data).status_code == 303

    def records(person):
        result = runner.invoke(args=["people", "export", person.email])
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout)["records"]

    def steps(found):
        return [(e["workflow"], e["case_id"], e["trigger"], e["comment"]) for e in found]

    submitted = records(contact)
    assert [(a["id"], a["title"], a["submitted_by"]) for a in submitted["activity"]] == [
        (activity.id, "Techniekdag voor docenten", contact.id)
    ]
    assert steps(submitted["audit_event"]) == [("activiteit", activity.id, "indienen", "")]
    reviewed = records(leader)
    assert "activity" not in reviewed  # the reviewer's part is their steps
    assert steps(reviewed["audit_event"]) == [
        ("activiteit", activity.id, "publiceren", ""),
        ("activiteit", activity.id, "offline_halen", "Gaat niet door."),
    ]


def test_anonymising_leaves_no_name_of_a_submitter_or_reviewer_at_an_activity(
    app, runner, make_user, make_organisation
):
    museum = make_organisation(name="Museum Boerhaave", membership_type="uitgebreid")
    contact = make_user(organisation=museum, name="Sanne Jansen")
    leader = make_user("projectleider", name="Petra de Leider")
    other_leader = make_user("projectleider", name="Karel Tweede")
    own, reviewer = client_as(app, contact), client_as(app, leader)
    activity = submit_activity(own, museum)
    reason = "Sanne Jansen, voor welke leerjaren is het?"
    back = reviewer.post(f"/activiteiten/{activity.id}/terugsturen", data={"reason": reason})
    assert back.status_code == 303
    changed = activity_fields(museum, audience="leerjaar 1 en 2")
    assert own.post(f"/activiteiten/{activity.id}/bewerken", data=changed).status_code == 303
    publish_activity(reviewer, activity)
    for person in (contact, leader):
        result = runner.invoke(args=["people", "anonymise", person.email, "--yes"])
        assert result.exit_code == 0, result.output

    page = client_as(app, other_leader).get(f"/activiteiten/{activity.id}").get_data(as_text=True)
    assert "Techniekdag voor docenten" in page  # the activity and its steps stay
    assert f"Geanonimiseerd #{contact.id}" in page and f"Geanonimiseerd #{leader.id}" in page
    assert "Sanne Jansen" not in page and "Petra de Leider" not in page
    trail = AuditEvent.for_case("activiteit", activity.id)
    assert not [e for e in trail if "Sanne" in e.comment + e.actor_label]
    assert not [e for e in trail if "Petra" in e.actor_label]
    assert not OutboxMessage.select().where(OutboxMessage.body.contains("Sanne Jansen")).exists()
    assert Activity.get_by_id(activity.id).submitted_by_id == contact.id  # the closed account
