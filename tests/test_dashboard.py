"""The projectleider's dashboard: its sections, its charts, and its cost at scale."""

import re
from datetime import timedelta
from decimal import Decimal

from intranet.dashboard.chart import bar_chart
from intranet.fees.models import PROJECTPLAN_RATES, FeeRate
from intranet.newsletters import schedule
from intranet.newsletters.models import Newsletter
from intranet.schooljaar import bounds_utc, schooljaar_of
from tests.support import factories
from tests.support.partners_support import add_partners
from tests.support.query_count import counted_queries


def test_the_projectleider_lands_on_mijn_taken_with_the_dashboard_in_the_menu(
    client, leader_logged_in
):
    response = client.get("/")
    assert response.status_code == 302 and response.headers["Location"] == "/taken/"
    assert 'href="/dashboard/"' in client.get("/taken/").get_data(as_text=True)


def test_partners_without_achtervang_are_flagged(
    client, leader_logged_in, make_organisation, make_user
):
    alone = make_organisation(name="Zonder Achtervang")
    make_user(organisation=alone)
    covered = make_organisation(name="Met Achtervang")
    make_user(organisation=covered)
    make_user(organisation=covered, kind="achtervang")
    make_organisation(name="Oud Zonder", status="oud_partner")
    page = client.get("/dashboard/").get_data(as_text=True)
    section = re.search(r'<section aria-labelledby="achtervang-title">.*?</section>', page, re.S)
    page = section.group(0)
    assert "Zonder Achtervang" in page and f'href="/partners/{alone.id}"' in page
    assert "Met Achtervang" not in page and "Oud Zonder" not in page
    assert "1</span> partner zonder achtervang" in page


def test_fees_per_sector_are_drawn_as_svg_without_inline_styles(
    client, leader_logged_in, make_organisation
):
    FeeRate.set_year(schooljaar_of(), PROJECTPLAN_RATES)
    make_organisation(sector="PO", pupil_count=11200)
    make_organisation(sector="MBO", pupil_count=200)
    page = client.get("/dashboard/").get_data(as_text=True)
    svg = re.search(r'<svg[^>]*aria-labelledby="chart-fees.*?</svg>', page, re.S).group(0)
    assert 'role="img"' in svg and "Primair Onderwijs" in svg and "€\u00a028.000,00" in svg
    assert ">MBO<" in svg and ">PM<" in svg  # PM, never € 0,00
    assert "style=" not in page
    assert "Totaal berekend: <strong>€\u00a028.000,00 + PM</strong>" in page


def test_a_year_without_rates_asks_for_them(client, leader_logged_in):
    page = client.get("/dashboard/").get_data(as_text=True)
    assert "nog geen tarieven vastgesteld" in page


def test_an_empty_dashboard_says_nothing_waits_and_no_vote_or_round_runs(client, leader_logged_in):
    page = client.get("/dashboard/").get_data(as_text=True)
    assert "Er wacht niets op u." in page and "Er lopen geen stemmingen." in page
    assert "Er lopen geen rondes." in page and "Aanmeldingen per status" in page


def test_bar_widths_are_proportional_to_the_values():
    chart = bar_chart("c", "Titel", [("A", Decimal("500")), ("B", Decimal("250")), ("C", 0)])
    widths = [bar.width for bar in chart.bars]
    assert widths[0] == 2 * widths[1] and widths[2] == 0
    assert chart.height > 3 * chart.bar_height


def test_dashboard_queries_stay_constant_from_50_to_5000_partners(client, leader_logged_in):
    FeeRate.set_year(schooljaar_of(), PROJECTPLAN_RATES)
    add_partners(50)
    with counted_queries() as small:
        assert client.get("/dashboard/").status_code == 200
    add_partners(4950, start=50)
    with counted_queries() as large:
        page = client.get("/dashboard/").get_data(as_text=True)
    assert "5000</span> partners zonder achtervang" in page
    assert len(large) == len(small)


def test_admission_feeds_cases_votes_and_the_state_chart(client, leader_logged_in, make_user):
    from intranet.admission.workflow import WORKFLOW as admission
    from intranet.workflows import engine

    applicant = make_user()
    waiting = factories.Case(applicant, route="basis", name="Wacht Op Jou").get()
    engine.fire(admission, waiting.id, "indienen", applicant)
    factories.Case(make_user(), name="In Stemming").nominated(leader_logged_in).get()
    page = client.get("/dashboard/").get_data(as_text=True)
    assert "Wacht Op Jou: Bij de projectleider" in page
    assert "In Stemming" in page and "Aanmeldingen per status" in page


def test_a_new_application_shows_at_once_on_the_dashboard_and_in_mijn_taken(
    client, leader_logged_in
):
    assert "Nieuwe Aanvrager" not in client.get("/dashboard/").get_data(as_text=True)
    factories.Case(factories.person(), route="basis", name="Nieuwe Aanvrager").submitted()
    assert "Nieuwe Aanvrager" in client.get("/dashboard/").get_data(as_text=True)
    assert "Nieuwe Aanvrager" in client.get("/taken/").get_data(as_text=True)


def _newsletter(werkvelden, sent_at, state="verzonden"):
    return Newsletter.create(
        subject="Nieuwsbrief", werkvelden=werkvelden, state=state, sent_at=sent_at
    )


def test_newsletters_sent_this_schooljaar_are_counted_per_werkveld_against_five(
    client, leader_logged_in
):
    start, _ = bounds_utc(schooljaar_of())
    for day in range(4):
        _newsletter("PO", start + timedelta(days=day))
    _newsletter("PO VO", start + timedelta(days=10))
    _newsletter("HO", start + timedelta(days=11))
    _newsletter("PO WO", start - timedelta(days=1))  # last schooljaar
    _newsletter("WO", None, state="concept")
    counts = dict(schedule.this_schooljaar()["rows"])
    assert counts["Primair onderwijs"] == 5 and counts["Voortgezet onderwijs"] == 1
    assert counts["Hogeschool"] == 1 and counts["Universiteit"] == 0
    page = client.get("/dashboard/").get_data(as_text=True)
    section = re.search(r'<section aria-labelledby="newsletters-title".*?</section>', page, re.S)
    rows = re.findall(r'<th scope="row">([^<]+)</th>.*?badge (\w+)">(\d+)<', section.group(0), re.S)
    assert ("Primair onderwijs", "good", "5") in rows
    assert ("Voortgezet onderwijs", "wait", "1") in rows and ("Universiteit", "wait", "0") in rows


def test_the_newsletter_count_is_one_query_whatever_the_number_sent(client, leader_logged_in):
    start, _ = bounds_utc(schooljaar_of())
    _newsletter("PO", start)
    with counted_queries() as few:
        schedule.this_schooljaar()
    for day in range(1, 40):
        _newsletter("PO VO MBO", start + timedelta(days=day))
    with counted_queries() as many:
        assert dict(schedule.this_schooljaar()["rows"])["Primair onderwijs"] == 40
    assert len(few) == len(many) == 1
