"""The demo: the convenant as the seeds tell it up to 2022, the zichtlijn's period about to
end, and two live rounds."""

from datetime import date, datetime

from intranet.clock import today
from intranet.demo.rounds import CURRENT, FIRST, NEXT
from intranet.models import Organisation
from intranet.rounds.models import ConvenantPeriod, RenewalInvitation, Round, VriendInvitation
from intranet.workflows.check import stray_cases
from intranet.workflows.models import AuditEvent


def _states(model, round_):
    return {state for (state,) in model.select(model.state).where(model.round == round_).tuples()}


def _status(name):
    return Organisation.get(Organisation.name == name).status


def test_demo_seeds_history_a_period_about_to_end_and_two_running_rounds(demo):
    first = ConvenantPeriod.get(ConvenantPeriod.name == FIRST)
    assert (first.starts_on, first.ends_on, first.state) == (
        date(2018, 10, 31),
        date(2022, 7, 31),
        "afgelopen",
    )
    assert "Artikel 5: Duur van het Convenant" in first.text
    assert first.members().count() == 52
    assert "zichtlijn van LEF" in first.decision.motivation

    current = ConvenantPeriod.get(ConvenantPeriod.name == CURRENT)
    assert current.previous == first and current.starts_on == date(2022, 8, 1)
    assert current.state == "lopend" and 0 < (current.ends_on - today()).days < 160
    assert current.decision.state == "voortzetting"
    names = [name for (name,) in ConvenantPeriod.select(ConvenantPeriod.name).tuples()]
    assert not any("3.0" in name or "4.0" in name for name in names)

    signing = Round.get(Round.kind == "renewal")
    assert signing.period.name == NEXT and signing.is_open
    assert _states(RenewalInvitation, signing) == {"getekend", "opgezegd", "uitgenodigd"}
    friends = Round.get(Round.kind == "vriend", Round.period == current)
    assert friends.is_open
    assert _states(VriendInvitation, friends) == {"vriend", "afgeslagen", "uitgenodigd"}
    assert not stray_cases()
    assert Round.select().count() == 3 and ConvenantPeriod.select().count() == 3


def test_demo_vriend_round_of_2022_is_closed_with_2022_steps(demo):
    first = ConvenantPeriod.get(ConvenantPeriod.name == FIRST)
    round_ = Round.get(Round.kind == "vriend", Round.period == first)
    assert not round_.is_open and round_.deadline == datetime(2022, 9, 29, 22)  # local midnight
    assert round_.opened_at.year == 2022
    invitations = VriendInvitation.select().where(VriendInvitation.round == round_)
    assert {i.state for i in invitations} == {"vriend", "afgeslagen", "verlopen"}
    assert all(i.answered_at.year == 2022 for i in invitations if i.answered_at)
    events = AuditEvent.select().where(
        AuditEvent.workflow == "vriend", AuditEvent.case_id.in_([i.id for i in invitations])
    )
    assert {event.at.year for event in events} == {2022}
    assert _status("BplusC") == "lef_partner"  # a LEF partner
    assert _status("Aiolos") == "vriend"  # accepted in 2022
    assert _status("Museum Boerhaave") == "partner"  # declined: stays in the zichtlijn
    moved = AuditEvent.select().where(
        AuditEvent.workflow == "organisatie", AuditEvent.to_state.in_(["vriend", "lef_partner"])
    )
    assert {event.at.year for event in moved} == {2022}


def test_demo_pages_say_what_is_invented(demo, client):
    credentials = {"email": "projectleider@example.org", "password": "leidseaanpak"}
    assert client.post("/inloggen", data=credentials).status_code == 302
    page = client.get("/convenant/").get_data(as_text=True)
    assert "Demo: tot en met 2022 volgt de demo wat er gebeurde" in page
    assert "31 juli 2022" in page and "29 september 2022" in page
    assert "Wat daarna komt, is voor de demo verzonnen" in page


def test_demo_decision_of_11_september_2021_is_marked_late(demo, client):
    first = ConvenantPeriod.get(ConvenantPeriod.name == FIRST)
    assert first.decision.late and first.decision.last_day == date(2021, 7, 31)
    assert not ConvenantPeriod.get(ConvenantPeriod.name == CURRENT).decision.late
    credentials = {"email": "projectleider@example.org", "password": "leidseaanpak"}
    assert client.post("/inloggen", data=credentials).status_code == 302
    page = client.get(f"/regiegroep/convenant/{first.decision.id}").get_data(as_text=True)
    assert "31-07-2021" in page and "te laat: besloten op 11-09-2021" in page
    assert "gezamenlijke stuurgroep" in page
