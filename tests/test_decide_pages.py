"""Deciding reads the dossier first, then one decision with one motivation; toelaten and
afwijzen ask first (whom they mail, the message); after acting the page says what happened;
the applicant follows plain steps and sees nothing internal."""

import io

from pypdf import PdfReader

from intranet.admission.announce import admit_preview, admitted
from intranet.admission.workflow import WORKFLOW as admission
from intranet.models import OutboxMessage
from intranet.workflows import engine
from tests.support import factories
from tests.support.decide import HTMX, fresh, text
from tests.support.factories import cast_vote
from tests.support.rounds_support import open_renewal, renewal_setup


def escalated(applicant, leader, reason="Twijfel over de doelgroep."):
    return factories.Case(applicant).escalated(leader, reason=reason).get()


def with_leader(applicant, route="uitgebreid"):
    return factories.Case(applicant, route=route).with_leader().get()


def at_vote(applicant, leader):
    return factories.Case(applicant).nominated(leader).get()


def _post(client, case, trigger, comment, **extra):
    return client.post(
        f"/zaak/toetreding/{case.id}/stap/{trigger}",
        data={"comment": comment, "expected_state": fresh(case).state, **extra},
        headers=extra.pop("headers", None),
    )


def test_the_voorzitter_gets_one_motivation_field_for_toelaten_and_afwijzen(client, login, cast):
    case = escalated(cast.applicant, cast.leader)
    login(cast.chair)
    page = client.get(f"/regiegroep/{case.id}").get_data(as_text=True)
    assert page.count("Motivering van het besluit") == 1
    assert page.count('name="comment"') == 1
    assert "/stap/regiegroep_toelaten" in page and "/stap/regiegroep_afwijzen" in page


def test_the_regiegroep_reads_the_dossier_and_discussion_before_the_decision(client, login, cast):
    case = escalated(cast.applicant, cast.leader)
    login(cast.chair)
    page = client.get(f"/regiegroep/{case.id}").get_data(as_text=True)
    dossier = page.index(f"Aanvraag van {case.organisation.name}")
    discussion = page.index("Bespreking in de regiegroep (")
    decision = page.index("Motivering van het besluit")
    assert dossier < discussion < decision


def test_the_projectleider_reads_the_application_before_deciding(client, login, cast):
    case = with_leader(cast.applicant, route="basis")
    login(cast.leader)
    page = client.get(f"/aanmeldingen/{case.id}").get_data(as_text=True)
    assert page.index("Profielbeschrijving") < page.index("/stap/bevestigen")


def test_the_dossier_shows_the_count_of_pupils_only_where_the_route_asks_it(client, login, cast):
    uitgebreid = with_leader(cast.applicant)
    school = with_leader(factories.person(), route="school")
    login(cast.leader)
    assert "<dt>Leerlingen</dt>" not in client.get(f"/aanmeldingen/{uitgebreid.id}").text
    assert "<dt>Leerlingen</dt><dd>250</dd>" in client.get(f"/aanmeldingen/{school.id}").text


def test_the_vote_form_comes_after_the_application(client, login, cast):
    case = at_vote(cast.applicant, cast.leader)
    login(cast.members[0])
    page = client.get(f"/stemmen/{case.id}").get_data(as_text=True)
    assert page.index("Profielbeschrijving") < page.index('name="choice"')


def test_toelaten_asks_first_showing_whom_it_mails_and_the_welcome(client, login, cast):
    case = escalated(cast.applicant, cast.leader)
    login(cast.chair)
    before = OutboxMessage.select().count()
    response = _post(client, case, "regiegroep_toelaten", "Past bij de doelen.")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Toelaten: weet u het zeker?" in page
    assert f"{cast.applicant.name} &lt;{cast.applicant.email}&gt;" in page
    assert f"Welkom als partner, {case.organisation.name}" in page
    assert "Past bij de doelen." in page  # the motivation, in the message as it will read
    assert fresh(case).state == "regiegroep" and OutboxMessage.select().count() == before


def test_afwijzen_with_htmx_swaps_the_confirmation_into_the_decision_block(client, login, cast):
    case = escalated(cast.applicant, cast.leader)
    login(cast.chair)
    response = _post(client, case, "regiegroep_afwijzen", "Geen aanbod.", headers=HTMX)
    html = response.get_data(as_text=True)
    assert html.lstrip().startswith(f'<section id="case-toetreding-{case.id}" class="confirm"')
    assert "Besluit over uw aanmelding" in html and "Geen aanbod." in html
    assert fresh(case).state == "regiegroep"


def test_going_back_from_a_confirmation_keeps_the_motivation(client, login, cast):
    case = escalated(cast.applicant, cast.leader)
    login(cast.chair)
    back = _post(
        client, case, "regiegroep_toelaten", "Mijn zorgvuldige motivering.", bevestigd="nee"
    )
    assert back.status_code == 303 and fresh(case).state == "regiegroep"
    page = client.get(back.headers["Location"]).get_data(as_text=True)
    assert "Mijn zorgvuldige motivering.</textarea>" in page
    said = "Er is niets gedaan; de status is nog ‘Bij de regiegroep’. Uw tekst staat nog in"
    assert said in page and 'class="flashes" role="status" tabindex="-1" autofocus' in page


def test_confirming_admits_and_says_what_happened_in_words(client, login, cast):
    case = escalated(cast.applicant, cast.leader)
    login(cast.chair)
    done = _post(
        client, case, "regiegroep_toelaten", "Past.", bevestigd="ja", next=f"/regiegroep/{case.id}"
    )
    page = text(client.get(done.headers["Location"]))
    said = (
        f"{case.organisation.name} is toegelaten als partner. {cast.applicant.name} (de "
        "aanvrager) is nu contactpersoon en krijgt de welkomstmail. Bea Achtervang is nu "
        "achtervang (geen contactpersoon): krijgt een e-mail om een wachtwoord te kiezen en "
        "neemt het over als de contactpersoon er niet is."
    )
    assert said in page
    assert "Gelukt" not in page and "Motivering van het besluit" not in page
    assert fresh(case).state == "toegelaten"


def test_the_notice_says_who_became_what_for_each_achtervang(cast, make_user):
    case = escalated(cast.applicant, cast.leader)
    known = make_user(email=case.backup_email, name="Bea Achtervang")
    engine.fire(admission, case.id, "regiegroep_toelaten", cast.chair, comment="Past.")
    said = admitted(fresh(case))
    assert f"{cast.applicant.name} (de aanvrager) is nu contactpersoon" in said
    backup = "Bea Achtervang is nu achtervang (geen contactpersoon): logt in met het bestaande"
    assert f"{backup} account en neemt het over" in said
    assert known.email not in said
    alone = escalated(make_user(), cast.leader)
    alone.backup_email = alone.applicant.email  # no achtervang of its own
    assert "achtervang" not in admitted(alone)


def test_an_empty_motivation_is_refused_before_any_confirmation(client, login, cast):
    case = escalated(cast.applicant, cast.leader)
    login(cast.chair)
    response = _post(client, case, "regiegroep_afwijzen", "   ", headers=HTMX)
    assert response.status_code == 422 and "weet u het zeker" not in text(response)


def test_the_applicant_follows_plain_steps_without_diagram_or_internal_steps(client, login, cast):
    case = at_vote(cast.applicant, cast.leader)
    cast_vote(case.id, cast.members[0], "voor", "Mooi aanbod.")
    login(cast.applicant)
    page = client.get(f"/aanmelding/{case.id}").get_data(as_text=True)
    assert "Waar uw aanmelding staat" in page and 'aria-current="step"' in page
    assert "De projectgroep stemt over uw aanmelding." in page and "Uiterlijk:" in page
    for internal in ("diagram.svg", "Stroomschema", "Andere stappen in deze fase", "Mooi aanbod"):
        assert internal not in page, internal


def test_staff_see_the_diagram_and_on_a_phone_a_link_to_it(client, login, cast):
    case = with_leader(cast.applicant)
    login(cast.leader)
    page = client.get(f"/aanmeldingen/{case.id}").get_data(as_text=True)
    assert 'class="diagram-link"' in page and "diagram.svg" in page


def test_the_diagram_draws_one_arrow_per_pair_of_states(client):
    svg = client.get("/workflow/toetreding/diagram.svg").get_data(as_text=True)
    assert "Voorleggen aan de regiegroep (twijfel) / Geen meerderheid" in svg
    assert "Aanmelding intrekken" not in svg  # from almost anywhere: left out


def test_the_dossier_pdf_holds_the_application_and_the_whole_timeline(client, login, cast):
    case = escalated(cast.applicant, cast.leader, reason="Twijfel over de doelgroep.")
    login(cast.chair)
    page = client.get(f"/aanmelding/{case.id}/dossier").get_data(as_text=True)
    assert "Tijdlijn (" in page and "Twijfel over de doelgroep." in page
    response = client.get(f"/aanmelding/{case.id}/dossier.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    words = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.data)).pages)
    words = " ".join(words.split())
    assert f"Dossier: aanmelding {case.organisation.name}" in words
    assert "Profielbeschrijving" in words and "Twijfel over de doelgroep." in words
    assert "Bij de regiegroep" in words  # the timeline, expanded


def test_the_admit_preview_is_the_welcome_as_sent_with_the_signing_round(client, login, make_user):
    _, following = renewal_setup()
    open_renewal(following, days=30)
    leader, applicant = make_user("projectleider"), make_user()
    case = factories.Case(applicant, route="basis").with_leader().get()
    recipients, (subject, body) = admit_preview(case, "Van harte welkom.")
    assert all("aparte e-mail om het convenant te tekenen" in role for _, role in recipients)
    engine.fire(admission, case.id, "bevestigen", leader, comment="Van harte welkom.")
    sent = OutboxMessage.get(OutboxMessage.to == applicant.email, OutboxMessage.subject == subject)
    before_link = "van uw organisatie bij te houden:"  # the preview shows no personal link
    assert sent.body.split(before_link)[0] == body.split(before_link)[0]
    assert "ondertekenen nu het convenant" in body
