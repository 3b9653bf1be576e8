"""The demo: LEF's networks, the April 2026 meeting and its programme, the LEFtival asking for
contributions, meetings of earlier years with attendance, and held jaargesprekken."""

from datetime import date

from intranet.clock import local
from intranet.network.jaargesprek import Jaargesprek
from intranet.network.models import Contribution, Meeting, Network, NetworkMember, ProgrammePart
from intranet.workflows.check import stray_cases


def test_demo_seeds_the_networks_the_meetings_and_the_jaargesprekken(demo):
    names = [n.name for n in Network.select().order_by(Network.position)]
    assert names == [
        "Talentontwikkeling",
        "Brede vorming",
        "Anders samenwerken",
        "Innoveren met LEF",
        "Duurzaamheid",
        "Welzijn",
        "Onderwijs in de Leidse Regio",
        "AI",
    ]
    assert NetworkMember.select().where(NetworkMember.zichthouder).count() == 8
    brede = Network.get(Network.slug == "brede-vorming")
    assert "ontmoeting met jonge mensen" in brede.question

    april = Meeting.get(Meeting.title == "Verkenners ontmoet verkenners")
    start, end = local(april.starts_at), local(april.ends_at)
    assert (start.date(), start.strftime("%H:%M"), end.strftime("%H:%M")) == (
        date(2026, 4, 7),
        "09:00",
        "10:30",
    )
    parts = list(april.programme())
    assert parts[0].title.startswith("Opening") and parts[-1].title == "Afsluiting"
    assert {p.network.name for p in parts if p.network_id} == set(names) - {"Talentontwikkeling"}

    leftival = Meeting.get(Meeting.title == "LEFtival")
    assert leftival.asks_contributions and "partneroverstijgende" in leftival.contributions_call
    assert local(leftival.starts_at).strftime("%d-%m") == "07-10"
    assert leftival.state == "gepubliceerd" and leftival.audience == "publiek"
    states = {c.state for c in Contribution.select()}
    assert states == {"ingediend", "meer_informatie", "geaccepteerd"}
    assert ProgrammePart.select().where(ProgrammePart.contribution.is_null(False)).count() == 1

    held = Jaargesprek.select().where(Jaargesprek.state == "gehouden")
    assert held.count() >= 3 and all(talk.notes for talk in held)
    assert not stray_cases()
