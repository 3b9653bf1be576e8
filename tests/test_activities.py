"""Partners' activities: a contactpersoon of an uitgebreid partner submits, the projectleider
publishes (on the public partner page, in a newsletter) or sends back with a reason, each
step on the timeline and told by mail; a basis partner is told why it cannot submit."""

from datetime import timedelta

from intranet.activities.models import Activity
from intranet.clock import today
from intranet.newsletters.models import Newsletter
from intranet.workflows.models import AuditEvent
from intranet.workflows.states import ActivityState
from tests.support.activities_support import activity_fields, submit_activity
from tests.support.logins import client_as
from tests.support.mails import mails_to


def test_submitted_then_published_it_shows_on_the_public_partner_page(
    app, museum, museum_contact, leader
):
    activity = submit_activity(client_as(app, museum_contact), museum)
    assert activity.state == ActivityState.SUBMITTED
    assert activity.link == "https://www.rijksmuseumboerhaave.nl"
    assert mails_to(leader.email, "te beoordelen")
    public = app.test_client().get(f"/partners/{museum.id}/over").get_data(as_text=True)
    assert "Techniekdag" not in public

    reviewer = client_as(app, leader)
    assert "Techniekdag" in reviewer.get("/activiteiten/").get_data(as_text=True)
    tasks = reviewer.get("/taken/").get_data(as_text=True)
    assert "Beoordeel de activiteit ‘Techniekdag voor docenten’ van Museum Boerhaave" in tasks
    assert reviewer.post(f"/activiteiten/{activity.id}/publiceren").status_code == 303

    public = app.test_client().get(f"/partners/{museum.id}/over").get_data(as_text=True)
    assert "Techniekdag voor docenten" in public and "docenten natuur en techniek" in public
    assert "sanne@boerhaave.example.org" not in public
    told = mails_to(museum_contact.email, "gepubliceerd")
    assert told and f"/partners/{museum.id}/over" in told[0].body
    steps = [e.trigger for e in AuditEvent.for_case("activiteit", activity.id)]
    assert steps == ["indienen", "publiceren"]
    again = reviewer.post(f"/activiteiten/{activity.id}/publiceren")
    assert again.status_code == 409 and "al beoordeeld" in again.get_data(as_text=True)


def test_sent_back_with_a_reason_the_partner_changes_and_submits_again(
    app, museum, museum_contact, leader
):
    own = client_as(app, museum_contact)
    activity = submit_activity(own, museum)
    reviewer = client_as(app, leader)
    empty = reviewer.post(f"/activiteiten/{activity.id}/terugsturen", data={"reason": " "})
    assert empty.status_code == 422 and "Schrijf waarom" in empty.get_data(as_text=True)
    assert Activity.get_by_id(activity.id).state == ActivityState.SUBMITTED

    reason = "Voor welke leerjaren is het, en wat kost het?"
    back = reviewer.post(f"/activiteiten/{activity.id}/terugsturen", data={"reason": reason})
    assert back.status_code == 303
    assert Activity.get_by_id(activity.id).state == ActivityState.RETURNED
    assert reason in mails_to(museum_contact.email, "teruggestuurd")[0].body
    page = own.get(f"/activiteiten/{activity.id}").get_data(as_text=True)
    assert reason in page and "Teruggestuurd" in page
    assert "Pas de activiteit ‘Techniekdag voor docenten’ aan" in own.get("/taken/").get_data(
        as_text=True
    )

    changed = activity_fields(museum, audience="docenten klas 1 en 2, gratis")
    assert own.post(f"/activiteiten/{activity.id}/bewerken", data=changed).status_code == 303
    activity = Activity.get_by_id(activity.id)
    assert activity.state == ActivityState.SUBMITTED and activity.audience.endswith("gratis")
    steps = [(e.trigger, e.comment) for e in AuditEvent.for_case("activiteit", activity.id)]
    assert steps == [("indienen", ""), ("terugsturen", reason), ("opnieuw_indienen", "")]
    assert reviewer.post(f"/activiteiten/{activity.id}/publiceren").status_code == 303
    refused = own.post(f"/activiteiten/{activity.id}/bewerken", data=changed)
    assert refused.status_code == 409


def test_a_basis_partner_is_told_why_it_cannot_submit(app, make_organisation, make_user):
    basis = make_organisation(name="Bright Kids", sector="bedrijf", membership_type="basis")
    client = client_as(app, make_user(organisation=basis))
    refused = client.get("/activiteiten/nieuw")
    assert refused.status_code == 403
    assert "Bright Kids heeft geen uitgebreid lidmaatschap" in refused.get_data(as_text=True)
    assert client.post("/activiteiten/nieuw", data=activity_fields(basis)).status_code == 403
    overview = client.get("/activiteiten/").get_data(as_text=True)
    assert "geen uitgebreid lidmaatschap" in overview and "Activiteit aanbieden" not in overview
    assert not Activity.select().exists()


def test_bad_input_is_refused_in_dutch_and_changes_nothing(
    app, museum, museum_contact, make_organisation, make_user
):
    client = client_as(app, museum_contact)
    first = today() + timedelta(days=5)
    cases = {
        "De laatste dag ligt niet voor de eerste.": {"ends_on": (first - timedelta(days=2))},
        "Gebruik geen HTML": {"title": "<script>alert(1)</script>"},
        "Dit is geen geldig webadres": {"link": "javascript:alert(1)"},
        "Kies een van uw organisaties.": {"organisation": "999999"},
        "Kies een werkveld uit de lijst.": {"werkveld": "XX"},
    }
    for message, change in cases.items():
        data = {**activity_fields(museum, starts_on=first.isoformat()), **change}
        response = client.post("/activiteiten/nieuw", data=data)
        assert response.status_code == 422 and message in response.get_data(as_text=True)
    assert not Activity.select().exists()
    activity = submit_activity(client, museum)
    other = make_organisation(name="Naturalis", membership_type="uitgebreid")
    stranger = client_as(app, make_user(organisation=other))
    assert stranger.get(f"/activiteiten/{activity.id}").status_code == 403
    assert stranger.get(f"/activiteiten/{activity.id}/bewerken").status_code == 403
    assert client.get("/activiteiten/987654").status_code == 404


def test_a_published_activity_goes_out_in_a_newsletter(
    app, museum, museum_contact, leader, make_organisation, make_user
):
    school = make_organisation(name="Stedelijk Gymnasium", sector="VO")
    teacher = make_user(organisation=school, email="contact@gymnasium.example.org")
    activity = submit_activity(client_as(app, museum_contact), museum)
    waiting = submit_activity(client_as(app, museum_contact), museum, title="Nog niet beoordeeld")
    reviewer = client_as(app, leader)
    reviewer.post(f"/activiteiten/{activity.id}/publiceren")
    form = reviewer.get("/nieuwsbrieven/nieuw").get_data(as_text=True)
    assert "Techniekdag voor docenten (Museum Boerhaave)" in form
    assert "Nog niet beoordeeld" not in form
    data = {
        "subject": "Nieuwsbrief VO",
        "introduction": "Beste lezer,",
        "werkvelden": ["VO"],
        "activities": [str(activity.id), str(waiting.id)],  # one not published: dropped
    }
    assert reviewer.post("/nieuwsbrieven/nieuw", data=data).status_code == 422
    data["activities"] = [str(activity.id)]
    saved = reviewer.post("/nieuwsbrieven/nieuw", data=data)
    assert saved.status_code == 303, saved.get_data(as_text=True)
    newsletter = Newsletter.get()
    assert newsletter.activity_id_list == [activity.id]
    preview = reviewer.get(f"/nieuwsbrieven/{newsletter.id}/voorbeeld").get_data(as_text=True)
    assert "Activiteiten van partners" in preview and "Techniekdag voor docenten" in preview
    sent = reviewer.post(f"/nieuwsbrieven/{newsletter.id}/versturen", data={"bevestig": "ja"})
    assert sent.status_code == 303
    mail = mails_to(teacher.email, "Nieuwsbrief VO")[0]
    assert "ACTIVITEITEN VAN PARTNERS" in mail.body and "Techniekdag voor docenten" in mail.body
    archived = app.test_client().get(f"/nieuwsbrieven/archief/{newsletter.id}")
    assert "Techniekdag voor docenten" in archived.get_data(as_text=True)
