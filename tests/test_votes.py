"""The projectgroep's vote page: vote, change it, who sees what when, closed and foreign votes."""

import re
from datetime import datetime, timedelta

import pytest

from intranet.admission.models import Application, Vote
from intranet.clock import now, today
from intranet.formats import moment_words
from intranet.models import Membership
from tests.conftest import PASSWORD
from tests.support import factories
from tests.support.decide import HTMX, csrf_token, fresh, text, vote
from tests.support.factories import cast_vote


def _in(days):
    return now() + timedelta(days=days)


def test_open_votes_list_the_deadline_and_whether_i_voted(
    client, login, cast, nominated, make_user
):
    other = factories.Case(make_user(), name="Naturalis Lab").nominated(cast.leader).get()
    cast_vote(nominated.id, cast.members[0], "voor")
    login(cast.members[0])
    page = text(client.get("/stemmen/"))
    rows = page.split("<tr>")
    lab = next(row for row in rows if "Techniek Lab" in row)
    assert "gestemd: voor" in lab and moment_words(fresh(nominated).vote_deadline) in lab
    assert "nog niet gestemd" in next(row for row in rows if "Naturalis Lab" in row)
    assert f'href="/stemmen/{other.id}"' in page


def test_open_votes_i_have_not_voted_on_come_first(client, login, cast, nominated, make_user):
    later = factories.Case(make_user(), name="Later Lab").nominated(cast.leader, _in(30)).get()
    sooner = factories.Case(make_user(), name="Sooner Lab").nominated(cast.leader, _in(1)).get()
    cast_vote(sooner.id, cast.members[0], "voor")
    login(cast.members[0])
    page = text(client.get("/stemmen/"))
    order = [page.index(name) for name in ("Techniek Lab", "Later Lab", "Sooner Lab")]
    assert order == sorted(order), "not yet voted first, each part by deadline"
    assert fresh(sooner).vote_deadline < fresh(nominated).vote_deadline < fresh(later).vote_deadline


def test_the_projectleider_sees_the_open_votes_without_a_vote_of_their_own(
    client, login, cast, nominated
):
    cast_vote(nominated.id, cast.members[0], "tegen")
    login(cast.leader)
    page = text(client.get("/stemmen/"))
    assert "Techniek Lab" in page and "1 leden" in page and "tegen" not in page


def test_closed_votes_are_listed_with_their_outcome(client, login, cast, nominated):
    cast_vote(nominated.id, cast.members[0], "voor")
    cast_vote(nominated.id, cast.members[1], "voor")
    login(cast.members[2])
    page = text(client.get("/stemmen/"))
    assert "Er zijn geen open stemmingen." in page
    assert "Afgesloten stemmingen" in page and "Techniek Lab</a>:" in page and "Toegelaten" in page


def test_the_vote_page_shows_profile_and_references(client, login, cast, nominated):
    login(cast.members[0])
    page = text(client.get(f"/stemmen/{nominated.id}"))
    assert "techniekworkshops voor kinderen" in page
    assert page.count("Een betrouwbare partner.") == 2


def test_the_vote_is_a_keyboard_operable_radio_group(client, login, cast, nominated):
    login(cast.members[0])
    page = text(client.get(f"/stemmen/{nominated.id}"))
    assert "<legend>Uw stem</legend>" in page
    for number, choice in enumerate(("Voor", "Tegen", "Twijfel")):
        assert f'<label for="choice-{number}"><input id="choice-{number}" name="choice"' in page
        assert f'type="radio" value="{choice.lower()}"> {choice}</label>' in page
    assert '<label for="motivation">Motivering (optioneel)</label>' in page


def test_a_member_votes_and_then_sees_the_tally(client, login, cast, nominated):
    login(cast.members[0])
    before = text(client.get(f"/stemmen/{nominated.id}"))
    assert "Stand:" not in before and "De stand ziet u nadat u heeft gestemd." in before
    response = vote(client, login, cast.members[0], nominated, "voor", "Past goed.")
    assert response.status_code == 303
    page = text(client.get(response.headers["Location"]))
    assert "Uw stem is vastgelegd." in page and "U stemde <strong>voor</strong>" in page
    assert "1 voor · 0 tegen · 0 twijfel" in page and "1 van 3 leden gestemd" in page


def test_voting_with_htmx_swaps_only_the_vote_panel(client, login, cast, nominated):
    response = vote(client, login, cast.members[0], nominated, "twijfel", headers=HTMX)
    page = text(response)
    assert response.status_code == 200 and "HX-Request" in response.headers["Vary"]
    assert page.lstrip().startswith(f'<section id="vote-panel-{nominated.id}"')
    assert 'hx-target="this" hx-swap="outerHTML"' in page
    assert (
        f'hx-post="/stemmen/{nominated.id}"' in page and f'action="/stemmen/{nominated.id}"' in page
    )
    assert "Uw stem is vastgelegd." in page and "0 voor · 0 tegen · 1 twijfel" in page
    assert "<html" not in page


def test_a_member_may_change_the_vote_while_it_is_open(client, login, cast, nominated):
    vote(client, login, cast.members[0], nominated, "voor", "Eerst voor.")
    response = vote(client, login, cast.members[0], nominated, "tegen", "Toch tegen.")
    page = text(client.get(response.headers["Location"]))
    assert "U stemde <strong>tegen</strong>" in page and "0 voor · 1 tegen" in page
    assert 'checked id="choice-1"' in page and "Toch tegen." in page
    assert "Toch tegen.</textarea>" in page  # the form starts from the vote as it stands
    (stored,) = Vote.select()
    assert (stored.choice, stored.motivation) == ("tegen", "Toch tegen.")
    assert fresh(nominated).state == "stemming"


def test_changing_a_vote_starts_from_the_previous_choice_and_motivation(
    client, login, cast, nominated
):
    vote(
        client,
        login,
        cast.members[0],
        nominated,
        "twijfel",
        "Eerst het bereik weten.\nEn de prijs.",
    )
    page = text(client.get(f"/stemmen/{nominated.id}"))
    assert 'checked id="choice-2"' in page and "Stem wijzigen" in page
    assert '"motivation" rows="3">\r\nEerst het bereik weten.\nEn de prijs.</textarea>' in page
    response = vote(client, login, cast.members[0], nominated, "twijfel", "", headers=HTMX)
    assert "Uw stem is vastgelegd." in text(response)
    assert '"motivation" rows="3">\r\n</textarea>' in text(response)
    assert Vote.get().motivation == ""  # emptied on purpose: the member's choice


def test_nobody_sees_how_others_voted_while_the_vote_is_open(client, login, cast, nominated):
    first, second = cast.members[0], cast.members[1]
    vote(client, login, first, nominated, "tegen", "Geheime overweging.")
    login(second)
    page = text(client.get(f"/stemmen/{nominated.id}"))
    assert "Geheime overweging." not in page and first.name not in page and "Stand:" not in page
    vote(client, login, second, nominated, "voor")
    page = text(client.get(f"/stemmen/{nominated.id}"))
    assert "1 voor · 1 tegen" in page  # the tally, once voted ...
    assert "Geheime overweging." not in page and first.name not in page  # ... not who or why


def test_the_projectleider_sees_who_voted_but_not_how(client, login, cast, nominated):
    vote(client, login, cast.members[0], nominated, "tegen", "Geheime overweging.")
    login(cast.leader)
    page = text(client.get(f"/stemmen/{nominated.id}"))
    assert cast.members[0].name in page and cast.members[1].name not in page
    assert "Geheime overweging." not in page and "Stand:" not in page
    assert "Tegen</span>" not in page


def test_everyone_sees_every_vote_with_names_and_motivations_once_closed(
    client, login, cast, nominated
):
    vote(client, login, cast.members[0], nominated, "voor", "Sterk profiel.")
    vote(client, login, cast.members[1], nominated, "tegen", "Te commercieel.")
    vote(client, login, cast.members[2], nominated, "twijfel", "Weet het niet.")
    assert fresh(nominated).state == "regiegroep"
    for viewer in (cast.members[0], cast.leader):
        login(viewer)
        page = text(client.get(f"/stemmen/{nominated.id}"))
        assert "De stemming is gesloten" in page and "Bij de regiegroep" in page
        for member, motivation in zip(
            cast.members, ("Sterk profiel.", "Te commercieel.", "Weet het niet."), strict=True
        ):
            assert member.name in page and motivation in page
        assert "1 voor · 1 tegen · 1 twijfel" in page


def test_voting_on_a_closed_vote_is_refused_in_a_friendly_way(client, login, cast, nominated):
    cast_vote(nominated.id, cast.members[0], "voor")
    cast_vote(nominated.id, cast.members[1], "voor")
    plain = vote(client, login, cast.members[2], nominated, "tegen")
    assert plain.status_code == 409 and "De stemming is al gesloten" in text(plain)
    swapped = vote(client, login, cast.members[2], nominated, "tegen", headers=HTMX)
    assert swapped.status_code == 409 and "De stemming is al gesloten" in text(swapped)
    assert text(swapped).lstrip().startswith("<section id=")
    assert Vote.select().where(Vote.member == cast.members[2].id).count() == 0


def test_a_vote_after_the_deadline_is_refused_before_tick_closes_it(client, login, cast, nominated):
    Application.update(vote_deadline=datetime(2020, 1, 1)).where(
        Application.id == nominated.id
    ).execute()
    login(cast.members[0])
    assert "De stemtermijn is verstreken" in text(client.get(f"/stemmen/{nominated.id}"))
    response = vote(client, login, cast.members[0], nominated, "voor")
    assert response.status_code == 409 and "De stemming is al gesloten" in text(response)
    assert Vote.select().count() == 0


@pytest.mark.parametrize("choice", ["", "misschien"])
def test_a_vote_without_a_valid_choice_is_refused_beside_the_field(
    client, login, cast, nominated, choice
):
    response = vote(client, login, cast.members[0], nominated, choice, "Mijn motivering.")
    page = text(response)
    assert response.status_code == 422
    assert "Kies voor, tegen of twijfel." in page.split('id="choice-error"')[1]
    assert "Mijn motivering." in page
    assert Vote.select().count() == 0


def test_an_overlong_motivation_is_refused(client, login, cast, nominated):
    response = vote(client, login, cast.members[0], nominated, "voor", "x" * 5001)
    assert response.status_code == 422 and "hoogstens 5000 tekens" in text(response)


def test_the_projectleider_outside_the_projectgroep_may_not_vote(client, login, cast, nominated):
    login(cast.leader)
    response = client.post(f"/stemmen/{nominated.id}", data={"choice": "voor"})
    assert response.status_code == 403 and Vote.select().count() == 0


def test_unknown_votes_and_cases_never_put_to_the_vote_are_not_found(client, login, cast):
    never = factories.Case(cast.applicant).get()
    login(cast.members[0])
    assert client.get("/stemmen/999999").status_code == 404
    assert client.post("/stemmen/999999", data={"choice": "voor"}).status_code == 404
    assert client.get(f"/stemmen/{never.id}").status_code == 404


def test_the_vote_form_works_with_csrf_protection_on(app, client, login, cast, nominated):
    login(cast.members[0])
    app.config["WTF_CSRF_ENABLED"] = True
    page = text(client.get(f"/stemmen/{nominated.id}"))
    forged = client.post(f"/stemmen/{nominated.id}", data={"choice": "voor"})
    assert forged.status_code == 400 and Vote.select().count() == 0
    plain = client.post(
        f"/stemmen/{nominated.id}", data={"choice": "voor", "csrf_token": csrf_token(page)}
    )
    assert plain.status_code == 303
    header = page.split('hx-headers=\'{"X-CSRFToken": "')[1].split('"')[0]
    swapped = client.post(
        f"/stemmen/{nominated.id}",
        data={"choice": "tegen"},
        headers={**HTMX, "X-CSRFToken": header},
    )
    assert swapped.status_code == 200 and Vote.get().choice == "tegen"


def _header_token(page):
    return re.search(r'"X-CSRFToken": "([^"]+)"', page).group(1)


def test_the_same_member_in_two_browsers_gets_a_form_with_each_sessions_token(app):
    app.config["WTF_CSRF_ENABLED"] = True
    leader, member = factories.person("projectleider"), factories.person("projectgroep")
    factories.person("projectgroep")  # a second member: one vote does not close it
    case = factories.Case(factories.person(), name="Twee Browsers").nominated(leader)
    browsers = [app.test_client(), app.test_client()]
    pages = []
    for browser in browsers:
        form = browser.get("/inloggen").get_data(as_text=True)
        data = {"email": member.email, "password": PASSWORD, "csrf_token": csrf_token(form)}
        assert browser.post("/inloggen", data=data).status_code == 302
        pages.append(browser.get(f"/stemmen/{case.id}").get_data(as_text=True))
    tokens = [csrf_token(page) for page in pages]
    assert tokens[0] != tokens[1]
    assert [_header_token(page) for page in pages] == tokens
    vote = {"choice": "voor", "motivation": "", "csrf_token": tokens[1]}
    assert browsers[1].post(f"/stemmen/{case.id}", data=vote).status_code == 303
    other = browsers[0].get(f"/stemmen/{case.id}").get_data(as_text=True)
    assert "U stemde <strong>voor</strong>" in other  # the vote shows in the other browser too


def test_a_seat_that_ends_takes_effect_on_the_next_request(client, login):
    member = factories.person("projectgroep")
    login(member)
    assert client.get("/stemmen/").status_code == 200
    Membership.update(ends_on=today()).where(Membership.user == member.id).execute()
    assert client.get("/stemmen/").status_code == 403
