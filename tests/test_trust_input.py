"""Input and output as an attacker shapes them: formulas, line breaks, blank dates, clashes."""

import csv
import io
import threading

import pytest
from flask_wtf import FlaskForm

from intranet import forms, spreadsheet
from intranet.fees.models import PROJECTPLAN_RATES, FeeRate
from intranet.models import Contact, OutboxMessage, User
from intranet.rounds.models import ConvenantPeriod
from intranet.workflows.timers import last_tick, tick
from tests.conftest import PASSWORD
from tests.support.factories import period as new_period
from tests.support.rounds_support import renewal_invitation, signature
from tests.support.world import snapshot

FORMULAS = ['=HYPERLINK("http://evil.example")', "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx"]


@pytest.mark.parametrize("value", FORMULAS)
def test_a_cell_that_starts_a_formula_is_neutralised(value):
    assert spreadsheet.safe_cell(value) == "'" + value


@pytest.mark.parametrize("value", ["-12,50", "1.234,50", "Leiden", ""])
def test_plain_numbers_and_text_stay_as_they_are(value):
    assert spreadsheet.safe_cell(value) == value


def test_the_fees_export_neutralises_formulas(client, login, make_user, make_organisation):
    FeeRate.set_year(2018, PROJECTPLAN_RATES)
    make_organisation(name='=HYPERLINK("http://evil.example")', sector="PO", pupil_count=10)
    make_organisation(name="Gewoon", sector="PO", pupil_count=10, municipality="@SUM(A1)")
    login(make_user("projectleider"))
    body = client.get("/bijdragen/2018/abonnementsgelden.csv").get_data(as_text=True)
    cells = [cell for row in csv.reader(io.StringIO(body[1:]), delimiter=";") for cell in row]
    assert '\'=HYPERLINK("http://evil.example")' in cells and "'@SUM(A1)" in cells
    assert not any(cell.startswith(("=", "+", "@")) for cell in cells)


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def test_every_form_derives_from_the_one_base_form(app):
    ours = [form for form in _subclasses(FlaskForm) if form.__module__.startswith("intranet.")]
    assert ours and all(issubclass(form, forms.Form) for form in ours), [
        form for form in ours if not issubclass(form, forms.Form)
    ]


@pytest.mark.parametrize("subject", ["Uitnodiging\r\nBcc: x@evil.example", "Een\nregel", "a\tb"])
def test_a_one_line_field_refuses_line_breaks(client, login, make_user, subject):
    login(make_user("projectleider"))
    before = snapshot()
    response = client.post(
        "/convenant/vrienden/mailing", data={"subject": subject, "body": "Tekst\nmet regels."}
    )
    assert response.status_code == 422
    assert forms.ONE_LINE in response.get_data(as_text=True)
    assert snapshot() == before


def test_one_bad_message_never_blocks_the_others_in_tick(app, smtp):
    bad = OutboxMessage.create(to="a@example.org", subject="Kapot\r\nBcc: x@evil.example", body=".")
    good = OutboxMessage.create(to="b@example.org", subject="Goed", body="Tekst")
    tick()
    assert OutboxMessage.get_by_id(good.id).status == "sent"
    assert OutboxMessage.get_by_id(bad.id).status == "failed"
    assert last_tick() is not None
    assert [envelope.rcpt_tos for envelope in smtp.messages] == [["b@example.org"]]


BLANKS = ["   ", "\t", "\t\t ", "\u00a0"]


@pytest.mark.parametrize("blank", BLANKS)
def test_a_blank_signing_date_is_a_field_error(client, login, signing_round, blank):
    round_, museum, _, people = signing_round
    case = renewal_invitation(round_, museum)
    login(people["museum"])
    before = snapshot()
    response = client.post(
        f"/convenant/ondertekenen/{case.id}/tekenen", data=signature(signed_on=blank)
    )
    assert response.status_code == 422 and "datum" in response.get_data(as_text=True)
    assert snapshot() == before


@pytest.mark.parametrize("blank", BLANKS)
def test_blank_dates_of_a_new_period_are_field_errors(client, login, make_user, blank):
    login(make_user("projectleider"))
    data = {"name": "P", "starts_on": blank, "ends_on": blank, "text": "Artikel 1."}
    response = client.post("/convenant/periode/nieuw", data=data)
    assert response.status_code == 422 and ConvenantPeriod.select().count() == 0


@pytest.mark.parametrize("kind", ["ondertekenronde", "vriendenronde"])
def test_a_blank_round_deadline_is_a_field_error(client, login, make_user, kind):
    period = new_period("Volgende", starts=60, ends=1500)
    login(make_user("projectleider"))
    prefix = "renewal" if kind == "ondertekenronde" else "vriend"
    before = snapshot()
    response = client.post(
        f"/convenant/periode/{period.id}/{kind}", data={f"{prefix}-deadline": "\t"}
    )
    assert response.status_code == 422
    assert snapshot() == before


def _at_once(app, requests):
    """Send the requests at the same moment, each from its own client; their statuses."""
    barrier, statuses = threading.Barrier(len(requests)), []

    def send(login_as, path, data):
        client = app.test_client()
        client.post("/inloggen", data={"email": login_as.email, "password": PASSWORD})
        barrier.wait()
        statuses.append(client.post(path, data=data).status_code)

    threads = [threading.Thread(target=send, args=request) for request in requests]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return sorted(statuses)


def test_two_periods_made_with_one_name_at_once_give_a_form_error(app, make_user):
    leaders = [make_user("projectleider"), make_user("projectleider")]
    for round_ in range(3):
        data = {
            "name": f"Periode {round_}",
            "starts_on": "2040-01-01",
            "ends_on": "2043-12-31",
            "text": "Artikel 1.",
        }
        statuses = _at_once(app, [(leader, "/convenant/periode/nieuw", data) for leader in leaders])
        assert statuses == [303, 422]


def test_two_partners_inviting_one_new_address_at_once_never_fail(
    app, make_user, make_organisation
):
    partners = [make_organisation(), make_organisation()]
    people = [make_user(organisation=partner) for partner in partners]
    for round_ in range(3):
        email = f"nieuw{round_}@example.org"
        data = {"name": "Nieuwe Collega", "email": email, "kind": "primary"}
        statuses = _at_once(
            app,
            [
                (person, f"/partners/{partner.id}/contactpersonen", data)
                for person, partner in zip(people, partners, strict=True)
            ],
        )
        assert set(statuses) <= {303, 409, 422} and 303 in statuses, statuses
        assert User.select().where(User.email == email).count() == 1
        assert Contact.select().join(User).where(User.email == email).count() == statuses.count(303)


def test_two_organisations_renamed_alike_at_once_give_a_form_error(
    app, make_user, make_organisation
):
    leaders = [make_user("projectleider"), make_user("projectleider")]
    for round_ in range(3):
        organisations = [make_organisation(), make_organisation()]
        requests = [
            (
                leader,
                f"/partners/{organisation.id}/profiel",
                {
                    "name": f"Zelfde naam {round_}",
                    "sector": "PO",
                    "membership_type": "convenant",
                    "municipality": "Leiden",
                },
            )
            for leader, organisation in zip(leaders, organisations, strict=True)
        ]
        assert _at_once(app, requests) == [303, 422]


def test_a_choice_no_list_offers_is_refused_in_dutch(client, login, make_user):
    login(make_user("projectleider"))
    before = snapshot()
    response = client.post(
        "/nieuwsbrieven/nieuw",
        data={"subject": "Nieuws", "introduction": "Hallo", "werkvelden": "maan"},
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "is een ongeldige keuze" in page and "not a valid" not in page.lower()
    assert snapshot() == before


BEYOND_ANY_ID = "9" * 25  # larger than an id column holds: the driver would refuse it


def test_an_id_in_the_query_string_beyond_any_column_is_ignored_not_a_500(
    client, login, make_user, museum_contact
):
    login(museum_contact)
    for value in (BEYOND_ANY_ID, "-3", "abc", "1e3"):
        page = client.get(f"/activiteiten/nieuw?van={value}")  # a new form, filled in from none
        assert "<h1>Activiteit aanbieden</h1>" in page.get_data(as_text=True)
    checked = client.post(f"/aanmelden/controleer/name?case_id={BEYOND_ANY_ID}", data={})
    assert checked.status_code < 500
    login(make_user("projectleider"))
    assert client.get(f"/leden/?persoon={BEYOND_ANY_ID}").status_code == 200
