"""Who may apply by which route: the pure rules behind the form's messages."""

import pytest

from intranet.admission import eligibility as rules


def test_a_school_in_leiden_is_sent_to_its_schoolbestuur():
    problem = rules.municipality_problem("school", " leiden ")
    assert "alle Leidse schoolbesturen zijn partner" in problem
    assert "route Leids schoolbestuur" in problem


def test_the_swv_area_is_the_projectplans_list_of_the_leiden_region():
    assert rules.LEIDEN_SWV_AREA == rules.BASIS_AREA
    assert "Leiden" not in rules.AREA_FOR_ROUTE["school"]
    assert not {"Katwijk", "Noordwijk", "Teylingen"} & set(rules.KNOWN_MUNICIPALITIES)


@pytest.mark.parametrize(
    ("route", "municipality", "allowed"),
    [
        ("basis", "Leiden", True),
        ("basis", "Kaag en Braassem", True),
        ("basis", "wassenaar", True),
        ("basis", "Katwijk", False),
        ("schoolbestuur", "Leiden", True),
        ("schoolbestuur", "Leiderdorp", False),
        ("school", "Oegstgeest", True),
        ("school", "kaag en  braassem", True),
        ("school", "Katwijk", False),  # named nowhere in the seeds
        ("school", "Den Haag", False),
        ("vse", "Leiden", True),
        ("vse", "Voorschoten", True),
        ("vse", "Noordwijk", False),
        ("vse", "Alphen aan den Rijn", False),
        ("uitgebreid", "Den Haag", True),  # the projectgroep weighs these
    ],
)
def test_municipality_must_lie_in_the_routes_area(route, municipality, allowed):
    problem = rules.municipality_problem(route, municipality)
    assert (problem is None) == allowed
    if not allowed:
        assert "staat alleen open voor organisaties in" in problem


@pytest.mark.parametrize(
    ("route", "pupils", "extended"),
    [
        ("basis", False, False),
        ("uitgebreid", False, True),
        ("schoolbestuur", True, False),
        ("school", True, False),
        ("vse", True, False),
    ],
)
def test_what_each_route_asks(route, pupils, extended):
    assert rules.asks_pupils(route) == pupils
    assert rules.asks_profile_and_referees(route) == extended


def test_municipality_is_matched_whatever_its_spelling():
    assert rules.canonical_municipality("  kaag  EN braassem ") == "Kaag en Braassem"
    assert rules.canonical_municipality("Lisse") == "Lisse"


@pytest.mark.parametrize(
    ("route", "pupils", "message"),
    [
        ("basis", None, None),
        ("uitgebreid", None, None),
        ("school", None, "Vul het aantal leerlingen in"),
        ("school", 0, "Vul het aantal leerlingen in"),
        ("vse", None, "Vul het aantal kindplaatsen in"),
        ("schoolbestuur", None, "Vul het aantal leerlingen van uw scholen in"),
        ("school", 250, None),
        ("vse", 40, None),
        ("schoolbestuur", 4000, None),
    ],
)
def test_the_count_is_required_where_the_route_asks_it(route, pupils, message):
    problem = rules.pupils_problem(route, pupils)
    assert problem is None if message is None else message in problem


@pytest.mark.parametrize(
    ("route", "profile", "needed"),
    [("uitgebreid", "", True), ("uitgebreid", "   ", True), ("uitgebreid", "Wij", False)]
    + [("basis", "", False), ("school", "", False)],
)
def test_profile_is_required_for_the_uitgebreid_route_only(route, profile, needed):
    assert (rules.profile_problem(route, profile) is not None) == needed


@pytest.mark.parametrize(
    ("status", "applying", "message"),
    [
        ("partner", False, "al partner"),
        ("lef_partner", False, "al partner"),
        ("vriend", False, None),  # a vriend of LEF may apply to become a partner again
        ("aspirant", True, "loopt al een aanmelding"),
        ("aspirant", False, None),
        ("oud_partner", False, None),
        (None, False, None),
    ],
)
def test_organisation_may_not_be_a_partner_or_applying_already(status, applying, message):
    problem = rules.organisation_problem(status, applying)
    assert problem is None if message is None else message in problem


@pytest.mark.parametrize(
    ("emails", "own", "expected"),
    [
        (["a@x.nl", "b@x.nl"], ["me@x.nl"], {}),
        (["a@x.nl", "A@x.nl "], ["me@x.nl"], {1: "verschillende"}),
        (["me@x.nl", "b@x.nl"], ["me@x.nl", "backup@x.nl"], {0: "buiten uw organisatie"}),
        (["a@x.nl", "BACKUP@x.nl"], ["me@x.nl", "backup@x.nl"], {1: "buiten uw organisatie"}),
        (["", ""], ["me@x.nl"], {}),
    ],
)
def test_referees_are_two_outsiders(emails, own, expected):
    problems = rules.referee_problems(emails, own)
    assert problems.keys() == expected.keys()
    for position, words in expected.items():
        assert words in problems[position]


def test_achtervang_is_someone_else():
    assert "iemand anders" in rules.backup_problem("me@x.nl", "ME@x.nl")
    assert rules.backup_problem("me@x.nl", "bea@x.nl") is None


def test_own_address_cannot_be_a_referees():
    assert "referent" in rules.own_address_problem("a@x.nl", ["a@x.nl", "b@x.nl"])
    assert rules.own_address_problem("c@x.nl", ["a@x.nl", "b@x.nl"]) is None


def test_each_routes_condition_names_its_area_from_the_rule():
    assert rules.condition("basis") == (
        "Bedrijf of instelling zonder leerlingen, gevestigd in Leiden, Leiderdorp, "
        "Voorschoten, Oegstgeest, Wassenaar, Zoeterwoude of Kaag en Braassem."
    )
    assert rules.condition("schoolbestuur") == (
        "Schoolbestuur, gevestigd in Leiden: partner van rechtswege; zijn scholen doen mee."
    )
    assert all(place in rules.condition("vse") for place in rules.LEIDEN_SWV_AREA)
    assert rules.condition("school") == (
        "School onder de Leidse samenwerkingsverbanden PO of VO, buiten Leiden, gevestigd in "
        "Leiderdorp, Voorschoten, Oegstgeest, Wassenaar, Zoeterwoude of Kaag en Braassem."
    )
    assert "gevestigd" not in rules.condition("uitgebreid")
    assert rules.condition("onbekend") == ""
