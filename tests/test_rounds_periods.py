"""Convenant periods: creating and changing them, and the regiegroep's decision a year before
the end."""

from datetime import timedelta

from flask import current_app

from intranet.clock import today
from intranet.deadlines import end_of, start_of, year_before
from intranet.models import OutboxMessage
from intranet.rounds.models import ContinuationDecision, ConvenantPeriod, periods_of
from intranet.workflows.models import Deadline
from tests.support import factories
from tests.support.mails import mails_to
from tests.support.rounds_support import TEXT, decide, started, tick


def _form(**overrides):
    values = {
        "name": "De Leidse Aanpak 3.0",
        "starts_on": (today() + timedelta(days=200)).isoformat(),
        "ends_on": (today() + timedelta(days=1660)).isoformat(),
        "signing_deadline": (today() + timedelta(days=100)).isoformat(),
        "text": TEXT,
    }
    values.update(overrides)
    return values


def _on_agenda(ends_on):
    """When the decision on a period ending that day goes on the regiegroep's list."""
    return start_of(year_before(ends_on) - current_app.config["CONTINUATION_ON_AGENDA_BEFORE"])


def test_projectleider_creates_a_period_with_its_decision_and_calendar(client, make_user, login):
    login(make_user("projectleider"))
    response = client.post("/convenant/periode/nieuw", data=_form())
    assert response.status_code == 303
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "De Leidse Aanpak 3.0" in page and "Gepland" in page
    period = ConvenantPeriod.get(ConvenantPeriod.name == "De Leidse Aanpak 3.0")
    assert period.decision.state == "gepland"
    assert period.decision.deadline == end_of(year_before(period.ends_on))
    assert period.decision.due_at == _on_agenda(period.ends_on)
    actions = {d.action for d in Deadline.select().where(Deadline.fired_at.is_null())}
    assert actions == {"starten", "aflopen", "agenderen"}


def test_new_period_form_starts_from_the_2018_convenant_text(client, make_user, login):
    login(make_user("projectleider"))
    page = client.get("/convenant/periode/nieuw").get_data(as_text=True)
    assert "Het convenant is geldig voor de duur van vier jaar eindigend op 31 juli 2022" in page


def test_period_that_ends_before_it_starts_is_refused_in_dutch(client, make_user, login):
    login(make_user("projectleider"))
    form = _form(ends_on=(today() + timedelta(days=10)).isoformat())
    response = client.post("/convenant/periode/nieuw", data=form)
    assert response.status_code == 422
    assert "De einddatum moet na de begindatum liggen." in response.get_data(as_text=True)
    assert ConvenantPeriod.select().count() == 0


def test_signing_deadline_after_the_start_is_refused(client, make_user, login):
    login(make_user("projectleider"))
    form = _form(signing_deadline=(today() + timedelta(days=300)).isoformat())
    response = client.post("/convenant/periode/nieuw", data=form)
    assert response.status_code == 422
    assert "vóór de begindatum" in response.get_data(as_text=True)


def test_a_date_that_is_no_date_gets_a_dutch_message(client, make_user, login):
    login(make_user("projectleider"))
    response = client.post("/convenant/periode/nieuw", data=_form(starts_on="31-02-2026"))
    assert response.status_code == 422
    assert "Dit is geen geldige datum." in response.get_data(as_text=True)


def test_unknown_period_is_404(client, make_user, login):
    login(make_user("projectleider"))
    assert client.get("/convenant/periode/999").status_code == 404


def test_moving_the_end_moves_the_decision(client, make_user, login):
    login(make_user("projectleider"))
    period = factories.period(starts=100, ends=1500)
    later = today() + timedelta(days=1600)
    form = _form(
        name=period.name,
        starts_on=period.starts_on.isoformat(),
        ends_on=later.isoformat(),
        signing_deadline="",
    )
    response = client.post(f"/convenant/periode/{period.id}/bewerken", data=form)
    assert response.status_code == 303
    decision = ContinuationDecision.get(ContinuationDecision.period == period)
    assert decision.due_at == _on_agenda(later) and decision.last_day == year_before(later)
    pending = Deadline.select().where(Deadline.action == "agenderen", Deadline.fired_at.is_null())
    assert [d.due_at for d in pending] == [decision.due_at]


def test_a_running_period_cannot_be_edited(client, make_user, login):
    login(make_user("projectleider"))
    period = started(factories.period())
    response = client.get(f"/convenant/periode/{period.id}/bewerken", follow_redirects=True)
    assert "Deze periode is al begonnen" in response.get_data(as_text=True)


def test_decision_reaches_the_regiegroep_months_before_its_deadline_exactly_once(
    client, make_user, login
):
    chair = make_user("regiegroep", voorzitter=True)
    member = make_user("regiegroep")
    period = factories.period(starts=-300, ends=500)
    due = period.decision.due_at

    tick(due - timedelta(minutes=1))
    assert period.decision.state == "gepland"
    assert not mails_to(member.email, "Besluit nodig")

    tick(due + timedelta(minutes=1))
    tick(due + timedelta(minutes=6))
    tick(due + timedelta(days=40))
    assert period.decision.state == "te_besluiten"
    assert len(mails_to(member.email, "Besluit nodig")) == 1
    assert len(mails_to(chair.email, "Besluit nodig")) == 1

    login(member)
    page = client.get("/regiegroep/convenant").get_data(as_text=True)
    assert period.name in page and "Te besluiten" in page


def test_voorzitter_records_the_decision_with_a_motivation(client, make_user, login):
    leader = make_user("projectleider")
    chair = make_user("regiegroep", voorzitter=True)
    period = factories.period(starts=-300, ends=200)
    tick()
    decision = period.decision
    login(chair)
    url = f"/zaak/voortzetting/{decision.id}/stap/voortzetten"
    refused = client.post(url, data={"expected_state": "te_besluiten", "comment": " "})
    assert refused.status_code == 303
    assert ContinuationDecision.get_by_id(decision.id).state == "te_besluiten"
    assert "Vul in: motivering." in client.get(f"/regiegroep/convenant/{decision.id}").get_data(
        as_text=True
    )

    client.post(url, data={"expected_state": "te_besluiten", "comment": "Het netwerk werkt."})
    decision = ContinuationDecision.get_by_id(decision.id)
    assert decision.state == "voortzetting" and decision.motivation == "Het netwerk werkt."
    assert decision.decided_by_id == chair.id
    page = client.get(f"/regiegroep/convenant/{decision.id}").get_data(as_text=True)
    assert "Het netwerk werkt." in page and "Voortzetting" in page
    assert len(mails_to(leader.email, "Regiegroep besloot tot voortzetting")) == 1


def test_a_regiegroep_member_who_is_not_voorzitter_cannot_decide(client, make_user, login):
    member = make_user("regiegroep")
    period = factories.period(starts=-300, ends=200)
    tick()
    login(member)
    url = f"/zaak/voortzetting/{period.decision.id}/stap/beeindigen"
    response = client.post(url, data={"expected_state": "te_besluiten", "comment": "Stoppen."})
    assert response.status_code == 403
    assert period.decision.state == "te_besluiten"


def test_a_decision_taken_twice_is_already_handled(client, make_user, login):
    period = factories.period(starts=-300, ends=200)
    decide(period)
    login(make_user("regiegroep", voorzitter=True))
    url = f"/zaak/voortzetting/{period.decision.id}/stap/beeindigen"
    response = client.post(
        url,
        data={"expected_state": "te_besluiten", "comment": "Toch stoppen."},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 409
    assert "al afgehandeld" in response.get_data(as_text=True)
    assert period.decision.state == "voortzetting"


def test_first_period_starts_with_the_partners_of_the_moment(make_organisation):
    partner = make_organisation()
    make_organisation(status="aspirant")
    period = factories.period(starts=-10, ends=1000)
    tick()
    assert ConvenantPeriod.get_by_id(period.id).state == "lopend"
    assert [m.period.name for m in periods_of(partner)] == [period.name]
    assert period.members().count() == 1


def test_period_page_shows_why_no_signing_round_can_open_yet(client, make_user, login):
    login(make_user("projectleider"))
    current = started(factories.period("Nu", starts=-1000, ends=59))
    following = factories.period("Straks", starts=60, ends=1500)
    page = client.get(f"/convenant/periode/{following.id}").get_data(as_text=True)
    assert f"De regiegroep heeft (nog) niet besloten tot voortzetting van {current.name}." in page
    response = client.post(
        f"/convenant/periode/{following.id}/ondertekenronde",
        data={"renewal-deadline": (today() + timedelta(days=30)).isoformat()},
    )
    assert response.status_code == 422
    assert OutboxMessage.select().count() == 0


def test_the_decision_shows_its_deadline_a_year_before_the_end_and_is_on_time(
    client, make_user, login
):
    leader = make_user("projectleider")
    period = factories.period(starts=-300, ends=500)
    last_day = year_before(period.ends_on)
    tick(period.decision.due_at + timedelta(minutes=1))
    login(leader)
    for url in ("/regiegroep/convenant", f"/regiegroep/convenant/{period.decision.id}"):
        page = client.get(url).get_data(as_text=True)
        assert last_day.strftime("%d-%m-%Y") in page and "te laat" not in page
    decide(period)
    page = client.get(f"/convenant/periode/{period.id}").get_data(as_text=True)
    assert last_day.strftime("%d-%m-%Y") in page and "te laat" not in page


def test_a_decision_past_its_deadline_is_marked_late_open_and_taken(client, make_user, login):
    login(make_user("regiegroep"))
    period = factories.period(starts=-300, ends=200)  # its deadline passed 165 days ago
    tick()
    decision = period.decision
    assert decision.state == "te_besluiten" and decision.late
    page = client.get(f"/regiegroep/convenant/{decision.id}").get_data(as_text=True)
    assert "te laat" in page
    decision = decide(period)
    page = client.get("/regiegroep/convenant").get_data(as_text=True)
    assert f"te laat: besloten op {today().strftime('%d-%m-%Y')}" in page


def test_the_projectleider_has_the_decision_as_a_task_and_a_reminder_until_it_is_taken(
    client, make_user, login
):
    leader = make_user("projectleider")
    make_user("regiegroep", voorzitter=True)
    period = factories.period(starts=-300, ends=500)
    login(leader)
    assert "Zorg dat de regiegroep besluit" not in client.get("/taken/").get_data(as_text=True)
    tick(period.decision.due_at + timedelta(minutes=1))
    page = client.get("/taken/").get_data(as_text=True)
    assert f"Zorg dat de regiegroep besluit over voortzetting van {period.name}" in page
    assert "Te laat" not in page

    reminder = period.decision.deadline - current_app.config["CONTINUATION_REMINDER_BEFORE"]
    tick(reminder - timedelta(minutes=1))
    assert not mails_to(leader.email, "Herinnering: besluit over")
    tick(reminder + timedelta(minutes=1))
    tick(reminder + timedelta(days=2))
    sent = mails_to(leader.email, "Herinnering: besluit over")
    assert len(sent) == 1 and year_before(period.ends_on).strftime("%d-%m-%Y") in sent[0].subject
    timeline = client.get(f"/regiegroep/convenant/{period.decision.id}").get_data(as_text=True)
    assert "Herinnering verstuurd" in timeline

    decide(period)
    assert "Zorg dat de regiegroep besluit" not in client.get("/taken/").get_data(as_text=True)


def test_a_late_decision_on_the_projectleiders_list_says_so_and_sends_no_reminder(
    client, make_user, login
):
    leader = make_user("projectleider")
    period = factories.period(starts=-300, ends=200)
    tick()
    login(leader)
    page = client.get("/taken/").get_data(as_text=True)
    assert "Te laat: het besluit viel uiterlijk op" in page
    pending = Deadline.select().where(Deadline.action == "herinneren")
    assert not pending.exists() and not mails_to(leader.email, "Herinnering: besluit over")
    assert period.decision.late


def test_the_deciding_body_is_named_as_set(client, make_user, login, monkeypatch):
    monkeypatch.setitem(current_app.config, "DECIDING_BODY", "stuurgroep Leidse Aanpak met LEF")
    leader = make_user("projectleider")
    make_user("regiegroep", voorzitter=True)
    period = factories.period(starts=-300, ends=500)
    tick(period.decision.due_at + timedelta(minutes=1))
    login(leader)
    tasks = client.get("/taken/").get_data(as_text=True)
    assert "Zorg dat de stuurgroep Leidse Aanpak met LEF besluit over voortzetting" in tasks
    decide(period)
    assert mails_to(leader.email, "Stuurgroep Leidse Aanpak met LEF besloot tot voortzetting")
    page = client.get(f"/convenant/periode/{period.id}").get_data(as_text=True)
    assert "Besluit stuurgroep Leidse Aanpak met LEF" in page and "Besluit regiegroep" not in page
    index = client.get("/convenant/").get_data(as_text=True)
    assert "Besluiten stuurgroep Leidse Aanpak met LEF" in index
