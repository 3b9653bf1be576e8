"""Money, dates and times as the Dutch write them (Babel), in Amsterdam time everywhere."""

import re
from datetime import date, datetime

from intranet.deadlines import end_of
from intranet.formats import (
    count_of,
    day_words,
    deadline_words,
    euro,
    moment_words,
    weekday_numbers,
)
from intranet.workflows.timers import record_tick, tick_warning


def test_money_has_a_non_breaking_space_after_the_euro_sign():
    assert euro("1234.5") == "€\u00a01.234,50"
    assert euro(0) == "€\u00a00,00"


def test_days_and_deadlines_are_written_in_words():
    assert day_words(date(2026, 7, 31)) == "vrijdag 31 juli 2026"
    assert deadline_words(end_of(date(2026, 7, 31))) == "vrijdag 31 juli 2026"  # the last day
    assert moment_words(datetime(2026, 7, 31, 15, 0)) == "vrijdag 31 juli 2026 om 17:00"
    assert moment_words(datetime(2026, 1, 15, 11, 0)) == "donderdag 15 januari 2026 om 12:00"


def test_a_count_takes_its_noun_in_the_right_number():
    assert count_of(1, "stap", "stappen") == "1 stap"
    assert (
        count_of(2, "regel", "regels") == "2 regels"
        and count_of(0, "regel", "regels") == "0 regels"
    )


def test_a_day_people_plan_by_carries_its_weekday():
    assert weekday_numbers(date(2026, 7, 31)) == "vr 31-07-2026"
    assert weekday_numbers(datetime(2026, 7, 31, 22, 30)) == "za 01-08-2026"  # Amsterdam's day
    assert weekday_numbers(None) == ""


def test_the_tick_warning_speaks_amsterdam_time(app):
    record_tick(datetime(2026, 1, 15, 11, 0))
    warning = tick_warning()
    assert "sinds donderdag 15 januari 2026 om 12:00 niet meer gedraaid" in warning
    assert "UTC" not in warning


def test_every_page_has_a_favicon(client):
    page = client.get("/").get_data(as_text=True)
    assert re.search(
        r'<link rel="icon" href="/static/favicon.svg\?v=\w+" type="image/svg\+xml">', page
    )
    assert client.get("/favicon.ico").headers["Location"].startswith("/static/favicon.svg")
    icon = client.get("/static/favicon.svg")
    assert icon.status_code == 200 and b"<svg" in icon.data
