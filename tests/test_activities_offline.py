"""Taking a published activity offline: the projectleider with a reason the partner gets by
mail, or the partner's own contactpersoon, each after a confirmation; the step on the
timeline; gone from the public page and the newsletters' choice, kept in the archive of a
newsletter sent with it; final, but the partner may offer it again as a new activity."""

import pytest

from intranet.activities.models import Activity
from intranet.newsletters.models import Newsletter
from intranet.workflows.models import AuditEvent
from intranet.workflows.states import ActivityState
from tests.support.activities_support import publish_activity, submit_activity
from tests.support.logins import client_as
from tests.support.mails import mails_to

REASON = "De middag gaat niet door: het museumlab wordt verbouwd."


@pytest.fixture
def leader(make_user):
    return make_user("projectleider", name="Petra de Leider", email="leider@example.org")


@pytest.fixture
def published(app, museum, museum_contact, leader):
    """A published activity of the partner, submitted by its contactpersoon."""
    activity = submit_activity(client_as(app, museum_contact), museum)
    publish_activity(client_as(app, leader), activity)
    return activity


def _offline(client, activity, **data):
    return client.post(f"/activiteiten/{activity.id}/offline", data=data)


def _state(activity):
    return Activity.get_by_id(activity.id).state


def _steps(activity):
    trail = AuditEvent.for_case("activiteit", activity.id)
    return [(e.trigger, e.actor_label, e.comment) for e in trail]


def _text(response):
    return response.get_data(as_text=True)


def test_the_projectleider_takes_it_offline_with_a_reason_after_a_confirmation(
    app, museum, museum_contact, leader, published
):
    reviewer = client_as(app, leader)
    page = _text(reviewer.get(f"/activiteiten/{published.id}"))
    assert 'id="offline-section"' in page and "de contactpersoon krijgt die per e-mail" in page
    assert "Techniekdag" in _text(reviewer.get("/nieuwsbrieven/nieuw"))

    empty = _offline(reviewer, published, reason="  ")
    assert empty.status_code == 422 and "Schrijf waarom u de activiteit offline haalt" in _text(
        empty
    )
    asked = _offline(reviewer, published, reason=REASON)
    text = _text(asked)
    assert asked.status_code == 200 and "offline halen: weet u het zeker?" in text
    assert "Sanne Jansen" in text and "sanne@boerhaave.example.org" in text  # who gets mail
    assert "Uw activiteit ‘Techniekdag voor docenten’: offline gehaald" in text  # the subject
    assert REASON in text and 'name="bevestigd" value="ja"' in text
    assert "Dit kan niet ongedaan worden gemaakt" in text
    assert _state(published) == ActivityState.PUBLISHED and not mails_to(
        museum_contact.email, "offline"
    )

    back = _offline(reviewer, published, reason=REASON, bevestigd="nee")
    assert back.status_code == 200 and f"{REASON}</textarea>" in _text(back)
    assert _state(published) == ActivityState.PUBLISHED

    done = _offline(reviewer, published, reason=REASON, bevestigd="ja")
    assert done.status_code == 303 and _state(published) == ActivityState.OFFLINE
    assert _steps(published)[-1] == ("offline_halen", "Petra de Leider", REASON)
    told = mails_to(museum_contact.email, "offline gehaald")
    assert len(told) == 1 and REASON in told[0].body
    assert f"/activiteiten/{published.id}" in told[0].body

    page = _text(reviewer.get(f"/activiteiten/{published.id}"))
    assert "Offline gehaald" in page and REASON in page and "Petra de Leider" in page
    assert 'id="offline-section"' not in page
    public = _text(app.test_client().get(f"/partners/{museum.id}/over"))
    assert "Techniekdag" not in public
    assert "Techniekdag" not in _text(reviewer.get("/nieuwsbrieven/nieuw"))
    assert "Techniekdag" not in _text(reviewer.get("/activiteiten/"))  # not among the published

    for again in ({"reason": REASON}, {"reason": REASON, "bevestigd": "ja"}):
        stale = _offline(reviewer, published, **again)
        assert stale.status_code == 409 and "al offline gehaald" in _text(stale)
    assert len(mails_to(museum_contact.email, "offline gehaald")) == 1


def test_a_contactpersoon_takes_their_own_offline_the_projectleider_hears_and_it_is_offered_again(
    app, museum, museum_contact, leader, published
):
    own = client_as(app, museum_contact)
    asked = _offline(own, published, reason="Vol")
    text = _text(asked)
    assert asked.status_code == 200 and leader.email in text  # the mail it sends, shown first
    assert "Activiteit offline gehaald: Techniekdag voor docenten" in text
    sent_before = len(mails_to(museum_contact.email))
    done = _offline(own, published, reason="Vol", bevestigd="ja")
    assert done.status_code == 303 and _state(published) == ActivityState.OFFLINE
    assert _steps(published)[-1] == ("offline_halen", "Sanne Jansen", "Vol")
    assert len(mails_to(museum_contact.email)) == sent_before  # their own step: no mail to them
    (told,) = mails_to(leader.email, "offline gehaald")
    assert "Sanne Jansen van Museum Boerhaave" in told.body and "Vol" in told.body

    changed = {"title": "Techniekdag (nieuwe datum)"}
    refused = own.post(f"/activiteiten/{published.id}/bewerken", data=changed)
    assert refused.status_code == 409  # offline stays as it was (a sent newsletter shows it)
    page = _text(own.get(f"/activiteiten/{published.id}"))
    assert "Aanpassen en opnieuw indienen" not in page
    assert f"/activiteiten/nieuw?van={published.id}" in page
    form = _text(own.get(f"/activiteiten/nieuw?van={published.id}"))
    assert 'value="Techniekdag voor docenten"' in form and "museumlab" in form
    assert "Ingevuld vanuit ‘Techniekdag voor docenten’ (offline gehaald)" in form
    again = submit_activity(own, museum, title="Techniekdag (nieuwe datum)")
    assert again.id != published.id and again.state == ActivityState.SUBMITTED
    assert _state(published) == ActivityState.OFFLINE
    assert mails_to(leader.email, "Techniekdag (nieuwe datum)")  # to review again


def test_others_unknown_and_stale_steps_are_refused(
    app, museum, museum_contact, leader, published, make_organisation, make_user
):
    other = make_organisation(name="Naturalis", membership_type="uitgebreid")
    stranger = client_as(app, make_user(organisation=other))
    for data in ({}, {"bevestigd": "ja"}):
        assert _offline(stranger, published, **data).status_code == 403
    assert stranger.get(f"/activiteiten/nieuw?van={published.id}").status_code == 403
    reviewer = client_as(app, leader)
    assert reviewer.post("/activiteiten/987654/offline", data={"reason": REASON}).status_code == 404
    waiting = submit_activity(client_as(app, museum_contact), museum, title="Nog niet beoordeeld")
    refused = _offline(reviewer, waiting, reason=REASON, bevestigd="ja")
    assert refused.status_code == 409 and "nog niet gepubliceerd" in _text(refused)
    school = client_as(app, make_user("projectgroep"))
    assert _offline(school, published, bevestigd="ja").status_code == 403
    anonymous = _offline(app.test_client(), published, bevestigd="ja")
    assert anonymous.status_code in (302, 303)
    assert _state(published) == ActivityState.PUBLISHED and _state(waiting) == (
        ActivityState.SUBMITTED
    )


def test_with_htmx_the_confirmation_takes_the_place_of_the_form(app, leader, published):
    reviewer = client_as(app, leader)
    htmx = {"HX-Request": "true"}
    asked = reviewer.post(
        f"/activiteiten/{published.id}/offline", data={"reason": REASON}, headers=htmx
    )
    assert '<section id="offline-section" class="confirm"' in _text(asked)
    assert "<html" not in _text(asked)
    done = reviewer.post(
        f"/activiteiten/{published.id}/offline",
        data={"reason": REASON, "bevestigd": "ja"},
        headers=htmx,
    )
    assert done.status_code == 204
    assert done.headers["HX-Redirect"] == f"/activiteiten/{published.id}"
    assert _state(published) == ActivityState.OFFLINE


def test_a_sent_newsletter_keeps_an_activity_taken_offline_since_in_its_archive(
    app, museum, museum_contact, leader, make_organisation, make_user
):
    school = make_organisation(name="Stedelijk Gymnasium", sector="VO")
    teacher = make_user(organisation=school, email="contact@gymnasium.example.org")
    own, reviewer = client_as(app, museum_contact), client_as(app, leader)
    kept = submit_activity(own, museum)
    dropped = submit_activity(own, museum, title="Proefjesmiddag")
    for activity in (kept, dropped):
        publish_activity(reviewer, activity)
    data = {
        "subject": "Nieuwsbrief VO",
        "introduction": "Beste lezer,",
        "werkvelden": ["VO"],
        "activities": [str(kept.id), str(dropped.id)],
    }
    assert reviewer.post("/nieuwsbrieven/nieuw", data=data).status_code == 303
    newsletter = Newsletter.get()
    # taken offline while the newsletter is a concept: it does not go out with it
    assert _offline(reviewer, dropped, reason=REASON, bevestigd="ja").status_code == 303
    preview = _text(reviewer.get(f"/nieuwsbrieven/{newsletter.id}/voorbeeld"))
    assert "Techniekdag" in preview and "Proefjesmiddag" not in preview
    sent = reviewer.post(f"/nieuwsbrieven/{newsletter.id}/versturen", data={"bevestig": "ja"})
    assert sent.status_code == 303
    body = mails_to(teacher.email, "Nieuwsbrief VO")[0].body
    assert "Techniekdag voor docenten" in body and "Proefjesmiddag" not in body

    # taken offline after it went out: the archive keeps it as sent, no longer as a link
    assert _offline(client_as(app, museum_contact), kept, bevestigd="ja").status_code == 303
    archived = _text(app.test_client().get(f"/nieuwsbrieven/archief/{newsletter.id}"))
    assert "Techniekdag voor docenten" in archived and "museumlab" in archived
    assert "Proefjesmiddag" not in archived
    assert f'href="/partners/{museum.id}/over">Techniekdag' not in archived
    assert "Techniekdag" not in _text(app.test_client().get(f"/partners/{museum.id}/over"))
