"""The round page: totals, filters (htmx and plain links), CSV, and queries that do not grow
with the number of partners."""

import csv
import io
import time
from datetime import timedelta

from intranet.clock import today
from intranet.models import Organisation, OutboxMessage
from intranet.rounds import renewal_workflow
from intranet.rounds.models import RenewalInvitation, Round
from intranet.workflows import engine
from intranet.workflows.models import AuditEvent, Deadline
from tests.support import factories
from tests.support.query_count import counting_queries
from tests.support.rounds_support import (
    SIGNING_STEP_DATA,
    decide,
    many_partners,
    open_renewal,
    renewal_setup,
)


def _round_with_answers(make_organisation, make_user):
    """A signing round over three partners: one signed, one declined, one waiting."""
    orgs = [make_organisation(name=name) for name in ("Aiolos", "Technolab", "=Formule")]
    users = [make_user(organisation=org) for org in orgs]
    _, following = renewal_setup()
    round_ = open_renewal(following)
    cases = {c.organisation_id: c.id for c in RenewalInvitation.select()}
    engine.fire(
        renewal_workflow.WORKFLOW, cases[orgs[0].id], "tekenen", users[0], data=SIGNING_STEP_DATA
    )
    engine.fire(
        renewal_workflow.WORKFLOW, cases[orgs[1].id], "opzeggen", users[1], comment="Te duur."
    )
    return round_


def test_round_page_shows_totals_and_each_partner(client, login, make_user, make_organisation):
    round_ = _round_with_answers(make_organisation, make_user)
    login(make_user("projectleider"))
    page = client.get(f"/convenant/ronde/{round_.id}").get_data(as_text=True)
    assert "<strong>2</strong> van 3 partners hebben gereageerd" in page
    for state, count in {"getekend": 1, "opgezegd": 1, "uitgenodigd": 1, "verlopen": 0}.items():
        assert f'data-state="{state}">{count}</strong>' in page
    assert "Wachtend" in page
    assert "Sanne Bakker, bestuurder (01-11-2026)" in page and "Te duur." in page


def test_filter_by_state_works_as_a_plain_link(client, login, make_user, make_organisation):
    round_ = _round_with_answers(make_organisation, make_user)
    login(make_user("projectleider"))
    page = client.get(f"/convenant/ronde/{round_.id}?status=getekend").get_data(as_text=True)
    assert "Aiolos" in page and "Technolab" not in page
    assert "<!doctype html>" in page


def test_htmx_gets_only_the_progress_block(client, login, make_user, make_organisation):
    round_ = _round_with_answers(make_organisation, make_user)
    login(make_user("projectleider"))
    response = client.get(
        f"/convenant/ronde/{round_.id}?status=opgezegd", headers={"HX-Request": "true"}
    )
    body = response.get_data(as_text=True)
    assert body.lstrip().startswith('<section id="progress"')
    assert "Technolab" in body and "Aiolos" not in body
    assert "HX-Request" in response.headers["Vary"]


def test_search_by_name(client, login, make_user, make_organisation):
    round_ = _round_with_answers(make_organisation, make_user)
    login(make_user("projectleider"))
    page = client.get(f"/convenant/ronde/{round_.id}?zoek=techno").get_data(as_text=True)
    assert "Technolab" in page and "Aiolos" not in page


def test_csv_export_has_every_partner_and_no_formulas(client, login, make_user, make_organisation):
    round_ = _round_with_answers(make_organisation, make_user)
    login(make_user("projectleider"))
    response = client.get(f"/convenant/ronde/{round_.id}/export.csv")
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    rows = list(
        csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff")), delimiter=";")
    )
    assert rows[0][:4] == ["Organisatie", "Sector", "Gemeente", "Status"]
    by_name = {row[0]: row for row in rows[1:]}
    assert set(by_name) == {"Aiolos", "Technolab", "'=Formule"}
    assert by_name["Aiolos"][3] == "Getekend" and by_name["Aiolos"][6] == "Sanne Bakker"
    assert by_name["Technolab"][9] == "Te duur."


def test_unknown_round_is_404(client, login, make_user):
    login(make_user("projectleider"))
    assert client.get("/convenant/ronde/999").status_code == 404


def _queries_on_round_page(client, round_id):
    client.get(f"/convenant/ronde/{round_id}")  # warm up: templates, caches
    with counting_queries() as counted:
        response = client.get(f"/convenant/ronde/{round_id}")
    assert response.status_code == 200
    with counting_queries() as filtered:
        client.get(f"/convenant/ronde/{round_id}?status=uitgenodigd&zoek=Partner&pagina=2")
    return counted["n"], filtered["n"]


def test_a_round_of_2000_opens_in_one_request_and_its_page_costs_the_same_queries_as_50(
    client, login, make_user
):
    login(make_user("projectleider"))
    many_partners(50, prefix="Klein")
    _, following = renewal_setup()
    small = _queries_on_round_page(client, open_renewal(following).id)

    Organisation.update(status="oud_partner").execute()
    many_partners(2000, prefix="Groot")
    decide(following)
    later = factories.period("Grote periode", starts=2000, ends=3400)  # follows `following`
    started_at = time.monotonic()
    with counting_queries() as opened:
        response = client.post(
            f"/convenant/periode/{later.id}/ondertekenronde",
            data={
                "renewal-deadline": (today() + timedelta(days=30)).isoformat(),
                "bevestigd": "ja",
            },
        )
    assert response.status_code == 303, response.get_data(as_text=True)
    assert time.monotonic() - started_at < 30
    assert opened["n"] < 200  # bulk writes, not a few queries per partner
    big_round = Round.get(Round.period == later)
    assert RenewalInvitation.select().where(RenewalInvitation.round == big_round).count() == 2000
    assert AuditEvent.select().where(AuditEvent.workflow == "verlenging").count() == 2050
    assert Deadline.select().where(Deadline.action == "verlopen").count() == 2050
    invitations = OutboxMessage.select().where(OutboxMessage.subject.contains("Grote periode"))
    assert invitations.count() == 2000

    assert _queries_on_round_page(client, big_round.id) == small
