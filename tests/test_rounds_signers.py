"""Signing as organisations sign: a named signer with a single-use link, a paper signature,
the convenant text as a print view and a PDF."""

import io
import re
from datetime import timedelta

import pytest
from pypdf import PdfReader

from intranet.clock import today
from intranet.mail_delivery import build
from intranet.rounds.models import RenewalInvitation
from intranet.workflows.models import AuditEvent
from tests.support.mails import mails_to
from tests.support.rounds_support import open_renewal, renewal_setup, signature, tick

SIGNER = {
    "delegate_name": "Marieke Bestuur",
    "delegate_function": "voorzitter college van bestuur",
    "delegate_email": "Bestuur@Example.org",
}
AS_DELEGATE = {
    "signer_name": SIGNER["delegate_name"],
    "signer_function": SIGNER["delegate_function"],
}


@pytest.fixture
def signing(make_organisation, make_user):
    """A signing round over one partner with a contactpersoon and an achtervang."""
    museum = make_organisation(name="Museum Boerhaave")
    contact = make_user(organisation=museum)
    backup = make_user(organisation=museum, kind="achtervang")
    _, following = renewal_setup()
    round_ = open_renewal(following)
    case = RenewalInvitation.get(RenewalInvitation.round == round_)
    return case, contact, backup


def _fresh(case):
    return RenewalInvitation.get_by_id(case.id)


def _link(email="bestuur@example.org"):
    [message] = mails_to(email, "Verzoek: teken het convenant")[-1:]
    return re.search(r"http://\S+/convenant/tekenen/(\S+)", message.body).group(0)


def _path(url):
    return url.split("://", 1)[1].split("/", 1)[1].join(["/", ""])


def _name_signer(client, login, case, contact, **overrides):
    login(contact)
    return client.post(
        f"/convenant/ondertekenen/{case.id}/ondertekenaar", data={**SIGNER, **overrides}
    )


def test_the_achtervang_is_invited_as_achtervang(signing):
    _, contact, backup = signing
    [invitation] = mails_to(backup.email, "Uitnodiging: onderteken het convenant")
    assert "U bent achtervang van Museum Boerhaave" in invitation.body
    assert "contactpersoon van Museum" not in invitation.body
    [invitation] = mails_to(contact.email, "Uitnodiging: onderteken het convenant")
    assert "U bent contactpersoon van Museum Boerhaave" in invitation.body


def test_a_contactpersoon_names_the_signer_who_gets_a_single_use_link(client, login, signing):
    case, contact, _ = signing
    response = _name_signer(client, login, case, contact)
    assert response.status_code == 303
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Marieke Bestuur krijgt een e-mail met een persoonlijke link" in page
    assert "Gevraagd te tekenen: <strong>Marieke Bestuur</strong>" in page
    [message] = mails_to("bestuur@example.org", "Verzoek: teken het convenant")
    assert "namens\nMuseum Boerhaave het convenant Volgende periode" in message.body
    assert "/convenant/tekenen/" in message.body
    [note] = AuditEvent.for_case("verlenging", case.id).where(
        AuditEvent.trigger == "ondertekenaar_aangewezen"
    )
    assert note.actor_id == contact.id and "bestuur@example.org" in note.comment
    assert _fresh(case).state == "uitgenodigd"


def test_the_named_signer_signs_through_the_link_without_an_account(client, login, signing, app):
    case, contact, backup = signing
    _name_signer(client, login, case, contact)
    visitor = app.test_client()
    path = _path(_link())
    page = visitor.get(path).get_data(as_text=True)
    assert "Alle partners committeren zich aan de visie." in page
    assert 'value="Marieke Bestuur"' in page
    response = visitor.post(path, data=signature(**AS_DELEGATE))
    assert response.status_code == 303
    thanks = visitor.get(response.headers["Location"]).get_data(as_text=True)
    assert "getekend namens Museum Boerhaave" in thanks
    signed = _fresh(case)
    assert (signed.state, signed.signed_via, signed.answered_by_id) == ("getekend", "link", None)
    assert signed.signer_name == "Marieke Bestuur"
    event = AuditEvent.for_case("verlenging", case.id).where(AuditEvent.to_state == "getekend")
    assert event.get().actor_label == "Marieke Bestuur (ondertekenaar, via link)"
    assert len(mails_to(backup.email, "Bevestiging: getekend")) == 1


def _attached_pdf(app, message):
    """The text of the PDF a queued message carries, made as the sender makes it."""
    with app.app_context():  # outside the request, as `mail work` and tick send it
        email = build(message)
    [part] = list(email.iter_attachments())
    assert part.get_content_type() == "application/pdf"
    reader = PdfReader(io.BytesIO(part.get_content()))
    return part.get_filename(), "".join(page.extract_text() for page in reader.pages)


def test_the_named_signer_gets_a_copy_of_what_they_signed(client, login, signing, app):
    case, contact, backup = signing
    _name_signer(client, login, case, contact)
    app.test_client().post(_path(_link()), data=signature(**AS_DELEGATE))
    [copy] = mails_to("bestuur@example.org", "Uw exemplaar: convenant Volgende periode")
    assert copy.attachment == f"convenant:{case.id}"
    assert "Uw exemplaar van het convenant zoals u het tekende" in copy.body
    assert build(copy)["Reply-To"] == app.config["PROJECTLEIDER_REPLY_TO"]
    name, text = _attached_pdf(app, copy)
    assert name == "convenant-volgende-periode-museum-boerhaave.pdf"
    assert "Alle partners committeren zich aan de visie." in text
    assert "Marieke Bestuur" in " ".join(text.split()) and "via een persoonlijke link" in text
    [confirmation] = mails_to(backup.email, "Bevestiging: getekend")
    assert confirmation.attachment == f"convenant:{case.id}"
    assert "zit als PDF in de bijlage (convenant-volgende-periode" in confirmation.body


def test_a_contactpersoon_who_signs_gets_the_signed_text_with_the_confirmation(
    client, login, signing, app
):
    case, contact, _ = signing
    login(contact)
    client.post(f"/convenant/ondertekenen/{case.id}/tekenen", data=signature(**AS_DELEGATE))
    [confirmation] = mails_to(contact.email, "Bevestiging: getekend")
    _, text = _attached_pdf(app, confirmation)
    assert "op het intranet" in text and "Handtekening" not in text


def test_a_signer_link_works_once(client, login, signing, app):
    case, contact, _ = signing
    _name_signer(client, login, case, contact)
    visitor, path = app.test_client(), _path(_link())
    assert visitor.post(path, data=signature(**AS_DELEGATE)).status_code == 303
    again = visitor.post(path, data=signature(**AS_DELEGATE))
    assert again.status_code == 400
    assert "al gebruikt en werkt maar één keer" in again.get_data(as_text=True)


def test_naming_another_signer_ends_the_first_link(client, login, signing, app):
    case, contact, _ = signing
    _name_signer(client, login, case, contact)
    first = _path(_link())
    _name_signer(client, login, case, contact, delegate_email="ander@example.org")
    response = app.test_client().post(first, data=signature(**AS_DELEGATE))
    assert response.status_code == 400
    assert "iemand anders gevraagd te tekenen" in response.get_data(as_text=True)
    assert _fresh(case).state == "uitgenodigd"
    second = app.test_client().post(
        _path(_link("ander@example.org")), data=signature(**AS_DELEGATE)
    )
    assert second.status_code == 303 and _fresh(case).state == "getekend"


@pytest.mark.parametrize("token", ["nonsense", "x" * 300, "eyJzIjpbMSwiYSJdfQ.abc.def"])
def test_a_tampered_signer_link_says_so_and_changes_nothing(client, signing, token):
    case, _, _ = signing
    response = client.post(f"/convenant/tekenen/{token}", data=signature(**AS_DELEGATE))
    assert response.status_code == 400
    assert "ongeldig of beschadigd" in response.get_data(as_text=True)
    assert _fresh(case).state == "uitgenodigd"


def test_a_signer_link_stops_when_the_contactpersoon_signed_first(client, login, signing, app):
    case, contact, _ = signing
    _name_signer(client, login, case, contact)
    path = _path(_link())
    client.post(f"/convenant/ondertekenen/{case.id}/tekenen", data=signature(**AS_DELEGATE))
    response = app.test_client().get(path)
    assert response.status_code == 409  # answered already, as for a referee's link
    assert "al beantwoord" in response.get_data(as_text=True)


def test_a_missing_confirmation_of_authority_keeps_the_link_usable(client, login, signing, app):
    case, contact, _ = signing
    _name_signer(client, login, case, contact)
    visitor, path = app.test_client(), _path(_link())
    refused = visitor.post(path, data=signature(**AS_DELEGATE, authorised=""))
    assert refused.status_code == 422
    assert "Bevestig dat u bevoegd bent" in refused.get_data(as_text=True)
    assert visitor.post(path, data=signature(**AS_DELEGATE)).status_code == 303


def test_only_the_organisations_own_contactpersoon_names_a_signer(
    client, login, signing, make_user, make_organisation
):
    case, _, _ = signing
    elsewhere = make_user(organisation=make_organisation(name="Ander"))
    response = _name_signer(client, login, case, elsewhere)
    assert response.status_code == 403
    assert mails_to("bestuur@example.org") == []


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("delegate_name", "  ", "Vul de naam in."),
        ("delegate_function", "", "Vul de functie in."),
        ("delegate_email", "geen-adres", "Dit is geen geldig e-mailadres."),
    ],
)
def test_naming_a_signer_needs_name_function_and_address(
    client, login, signing, field, value, message
):
    case, contact, _ = signing
    response = _name_signer(client, login, case, contact, **{field: value})
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert _fresh(case).delegate_email == ""


def test_the_projectleider_records_a_paper_signature_on_the_timeline(
    client, login, signing, make_user
):
    case, _, backup = signing
    leader = make_user("projectleider")
    login(leader)
    response = client.post(
        f"/convenant/ondertekenen/{case.id}/papier",
        data={
            "papier-signer_name": "Jan Papier",
            "papier-signer_function": "directeur",
            "papier-signed_on": (today() - timedelta(days=2)).isoformat(),
        },
    )
    assert response.status_code == 303
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Museum Boerhaave heeft op papier getekend" in page
    signed = _fresh(case)
    assert (signed.state, signed.signed_via, signed.signer_name) == (
        "getekend",
        "papier",
        "Jan Papier",
    )
    event = AuditEvent.for_case("verlenging", case.id).where(AuditEvent.to_state == "getekend")
    assert event.get().actor_id == leader.id
    assert "op papier" in page and len(mails_to(backup.email, "Bevestiging: getekend")) == 1


def test_a_paper_signature_that_arrives_after_expiry_still_counts_before_the_period_starts(
    client, login, signing, make_user
):
    case, _, _ = signing
    RenewalInvitation.update(state="verlopen").where(RenewalInvitation.id == case.id).execute()
    login(make_user("projectleider"))
    response = client.post(
        f"/convenant/ondertekenen/{case.id}/papier",
        data={
            "papier-signer_name": "Jan Papier",
            "papier-signer_function": "directeur",
            "papier-signed_on": today().isoformat(),
        },
    )
    assert response.status_code == 303 and _fresh(case).state == "getekend"


def test_a_contactpersoon_cannot_record_a_paper_signature(client, login, signing):
    case, contact, _ = signing
    login(contact)
    response = client.post(
        f"/convenant/ondertekenen/{case.id}/papier",
        data={"papier-signer_name": "X", "papier-signer_function": "Y"},
    )
    assert response.status_code == 403 and _fresh(case).state == "uitgenodigd"


def test_after_signing_the_page_no_longer_asks_to_sign(client, login, signing):
    case, contact, _ = signing
    login(contact)
    before = client.get(f"/convenant/ondertekenen/{case.id}").get_data(as_text=True)
    assert "Tekenen kan tot en met" in before
    client.post(f"/convenant/ondertekenen/{case.id}/tekenen", data=signature(**AS_DELEGATE))
    after = client.get(f"/convenant/ondertekenen/{case.id}").get_data(as_text=True)
    assert "Tekenen kan tot en met" not in after and "Convenant tekenen</button>" not in after
    assert "U hoeft niets meer te doen." in after


def test_the_convenant_pdf_holds_its_text_and_lines_to_sign(client, login, signing):
    case, contact, _ = signing
    login(contact)
    period_id = case.round.period_id
    response = client.get(f"/convenant/periode/{period_id}/convenant.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.data)).pages)
    assert "Convenant Volgende periode" in text
    assert "Alle partners committeren zich aan de visie." in text
    assert "Handtekening" in text
    reader = PdfReader(io.BytesIO(response.data))
    assert "/StructTreeRoot" in reader.trailer["/Root"]  # tagged (PDF/UA-1)
    fonts = {
        font.get_object()["/BaseFont"].split("+")[-1]
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert fonts <= {"DejaVu-Sans", "DejaVu-Sans-Bold"}, fonts  # the footer's too: no serif
    assert "pagina 1 van" in text


def test_the_print_view_is_for_people_logged_in_or_holding_a_signer_link(
    client, login, signing, app
):
    case, contact, _ = signing
    period_id = case.round.period_id
    visitor = app.test_client()
    assert visitor.get(f"/convenant/periode/{period_id}/afdrukken").status_code == 302
    forged = visitor.get(f"/convenant/periode/{period_id}/afdrukken?token=vals")
    assert forged.status_code == 400  # a tampered link, as everywhere
    _name_signer(client, login, case, contact)
    token = _link().rsplit("/", 1)[1]
    page = visitor.get(f"/convenant/periode/{period_id}/afdrukken?token={token}")
    assert page.status_code == 200
    assert "Elke partner levert een contactpersoon." in page.get_data(as_text=True)
    pdf = visitor.get(f"/convenant/periode/{period_id}/convenant.pdf?token={token}")
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")


def test_an_expired_round_ends_the_signer_link(client, login, signing, app):
    case, contact, _ = signing
    _name_signer(client, login, case, contact)
    path = _path(_link())
    RenewalInvitation.update(state="verlopen").where(RenewalInvitation.id == case.id).execute()
    response = app.test_client().get(path)
    assert response.status_code == 409  # the moment has passed, as for a referee's link
    assert tick is not None  # the deadline itself is tick's (tests/test_rounds_renewal.py)


def test_the_convenant_text_gets_a_preview_before_saving(client, login, make_user):
    from intranet.rounds.models import ConvenantPeriod

    login(make_user("projectleider"))
    response = client.post(
        "/convenant/periode/nieuw",
        data={
            "name": "Nieuwe periode",
            "starts_on": (today() + timedelta(days=400)).isoformat(),
            "ends_on": (today() + timedelta(days=1800)).isoformat(),
            "text": "# Artikel 1\n\n1. **Samen** werken\n\n<script>alert(1)</script>",
            "actie": "voorbeeld",
        },
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Voorbeeld (nog niet opgeslagen)" in page
    assert "<h2>Artikel 1</h2>" in page and "<strong>Samen</strong>" in page
    assert "<script>alert(1)" not in page
    assert ConvenantPeriod.select().count() == 0


def test_the_preview_with_htmx_answers_only_the_preview(client, login, make_user):
    login(make_user("projectleider"))
    response = client.post(
        "/convenant/voorbeeld",
        data={"text": "## Missie\n\n- een\n- twee"},
        headers={"HX-Request": "true"},
    )
    body = response.get_data(as_text=True)
    assert body.lstrip().startswith('<section id="text-preview"')
    assert "<h3>Missie</h3>" in body and "<li>twee</li>" in body
