"""News and good practice: the projectleider writes and publishes; everyone reads, searches
and follows the Atom feed; an image is checked by its content, limited, stored outside
static/."""

import io
from xml.etree import ElementTree

import pytest
from PIL import Image

from intranet.news.models import NewsItem
from intranet.workflows.models import AuditEvent

ATOM = "{http://www.w3.org/2005/Atom}"


def _png(size=(20, 10)):
    buffer = io.BytesIO()
    Image.new("RGB", size, "orange").save(buffer, "PNG")
    buffer.seek(0)
    return buffer


def _post(client, url="/nieuws/nieuw", **fields):
    data = {
        "kind": "goede_praktijk",
        "title": "Buitenlab in Leiden",
        "summary": "Drie scholen leren buiten.",
        "body": "Een **buitenlab** met leerlingen.",
        "image_alt": "",
        "hoofdthema": "motivatie",
        "network": "",
        "werkvelden": ["PO"],
        **fields,
    }
    return client.post(url, data=data, content_type="multipart/form-data")


def test_a_story_is_a_concept_until_published_then_public(client, leader_logged_in, app):
    assert _post(client).status_code == 303
    item = NewsItem.get()
    assert item.published_at is None and item.werkveld_list == ["PO"]
    anonymous = app.test_client()
    assert anonymous.get(f"/nieuws/{item.id}").status_code == 404
    assert client.post(f"/nieuws/{item.id}/publiceren").status_code == 303
    assert anonymous.get(f"/nieuws/{item.id}").status_code == 200


def test_published_items_are_searched_and_filtered_publicly(client, leader_logged_in, app):
    _post(client)
    _post(
        client,
        title="Nieuwe zichthouder",
        kind="nieuws",
        summary="Welkom.",
        body="Een nieuwe zichthouder.",
        hoofdthema="",
        werkvelden=[],
    )
    for item in NewsItem.select():
        client.post(f"/nieuws/{item.id}/publiceren")
    client = app.test_client()  # a visitor
    page = client.get("/nieuws/?q=buitenlab").get_data(as_text=True)
    assert "Buitenlab in Leiden" in page and "Nieuwe zichthouder" not in page
    page = client.get("/nieuws/?soort=nieuws").get_data(as_text=True)
    assert "Nieuwe zichthouder" in page and "Buitenlab in Leiden" not in page
    story = client.get(f"/nieuws/{NewsItem.get(NewsItem.kind == 'goede_praktijk').id}")
    assert "<strong>buitenlab</strong>" in story.get_data(as_text=True)
    feed = ElementTree.fromstring(client.get("/nieuws/feed.atom").data)
    titles = [entry.find(f"{ATOM}title").text for entry in feed.iter(f"{ATOM}entry")]
    assert sorted(titles) == ["Buitenlab in Leiden", "Nieuwe zichthouder"]


def test_publishing_twice_is_already_handled_and_on_the_timeline(client, leader_logged_in):
    _post(client)
    item = NewsItem.get()
    assert client.post(f"/nieuws/{item.id}/publiceren").status_code == 303
    assert client.post(f"/nieuws/{item.id}/publiceren").status_code == 409
    steps = [e.trigger for e in AuditEvent.select().where(AuditEvent.workflow == "nieuws")]
    assert steps == ["aangemaakt", "gepubliceerd"]


def test_an_image_with_alt_text_is_stored_outside_static_and_served(client, leader_logged_in, app):
    response = _post(client, image=(_png(), "foto.png"), image_alt="Kinderen in het bos")
    assert response.status_code == 303
    item = NewsItem.get()
    assert item.image.endswith(".png") and "foto" not in item.image
    served = client.get(f"/nieuws/afbeelding/{item.image}")
    assert served.status_code == 200 and served.mimetype == "image/png"
    assert client.get("/nieuws/afbeelding/..%2Fconfig.py").status_code == 404


@pytest.mark.parametrize(
    "upload, alt, message",
    [
        (lambda: (io.BytesIO(b"<html>geen plaatje</html>"), "foto.png"), "Alt", "geen afbeelding"),
        (lambda: (_png(), "foto.png"), "", "Beschrijf de afbeelding"),
        (lambda: (io.BytesIO(b"GIF89a" + b"0" * 500_000), "groot.png"), "Alt", "te groot"),
    ],
)
def test_a_bad_image_is_refused_and_nothing_is_saved(
    client, leader_logged_in, upload, alt, message
):
    response = _post(client, image=upload(), image_alt=alt)
    assert response.status_code in (413, 422)
    if response.status_code == 422:
        assert message in response.get_data(as_text=True)
    assert NewsItem.select().count() == 0
