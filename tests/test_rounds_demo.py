"""The demo: the 2018 convenant as history, a period about to end, and two live rounds."""

from datetime import date

from intranet.clock import today
from intranet.demo.rounds import CURRENT, FIRST, NEXT
from intranet.rounds.models import ConvenantPeriod, RenewalInvitation, Round, VriendInvitation
from intranet.workflows.check import stray_cases


def _states(model, round_):
    return {state for (state,) in model.select(model.state).where(model.round == round_).tuples()}


def test_demo_seeds_history_a_period_about_to_end_and_two_running_rounds(runner):
    assert runner.invoke(args=["seed-demo"]).exit_code == 0
    first = ConvenantPeriod.get(ConvenantPeriod.name == FIRST)
    assert (first.starts_on, first.ends_on, first.state) == (
        date(2018, 10, 31),
        date(2022, 7, 31),
        "afgelopen",
    )
    assert "Artikel 5: Duur van het Convenant" in first.text
    assert first.members().count() == 52

    current = ConvenantPeriod.get(ConvenantPeriod.name == CURRENT)
    assert current.state == "lopend" and 0 < (current.ends_on - today()).days < 160
    assert current.decision.state == "voortzetting"

    signing = Round.get(Round.kind == "renewal")
    assert signing.period.name == NEXT and signing.is_open
    assert _states(RenewalInvitation, signing) == {"getekend", "opgezegd", "uitgenodigd"}
    friends = Round.get(Round.kind == "vriend")
    assert friends.period.name == CURRENT and friends.is_open
    assert _states(VriendInvitation, friends) == {"vriend", "afgeslagen", "uitgenodigd"}
    assert not stray_cases()

    assert runner.invoke(args=["seed-demo"]).exit_code == 0
    assert Round.select().count() == 2 and ConvenantPeriod.select().count() == 3


def test_demo_pages_say_the_dates_are_relative_to_today(runner, client):
    runner.invoke(args=["seed-demo"])
    credentials = {"email": "projectleider@example.org", "password": "leidseaanpak"}
    assert client.post("/inloggen", data=credentials).status_code == 302
    page = client.get("/convenant/").get_data(as_text=True)
    assert "Demo: de lopende periode" in page and "31 juli 2022" in page


def test_demo_decision_of_11_september_2021_is_marked_late(runner, client):
    runner.invoke(args=["seed-demo"])
    first = ConvenantPeriod.get(ConvenantPeriod.name == FIRST)
    assert first.decision.late and first.decision.last_day == date(2021, 7, 31)
    assert not ConvenantPeriod.get(ConvenantPeriod.name == CURRENT).decision.late
    credentials = {"email": "projectleider@example.org", "password": "leidseaanpak"}
    assert client.post("/inloggen", data=credentials).status_code == 302
    page = client.get(f"/regiegroep/convenant/{first.decision.id}").get_data(as_text=True)
    assert "31-07-2021" in page and "te laat: besloten op 11-09-2021" in page
