"""The outbox page: paging, search by recipient and subject, a status filter, sending again."""

from intranet.models import OutboxMessage
from tests.support.mails import queue


def _page(client, query=""):
    return client.get(f"/beheer/outbox{query}").get_data(as_text=True)


def test_the_outbox_pages_by_fifty_newest_first(client, leader_logged_in):
    queue(120, status="sent")
    first = _page(client)
    assert "Bericht 119" in first and "Bericht 70" in first and "Bericht 69" not in first
    assert "Pagina 1 van 3" in first
    last = _page(client, "?pagina=3")
    assert "Bericht 19" in last and "Bericht 0<" in last and "Bericht 20" not in last


def test_search_finds_recipient_or_subject(client, leader_logged_in):
    queue(3, status="sent")
    queue(1, to="voorzitter@school.example.org", subject="Uitnodiging", status="sent")
    by_recipient = _page(client, "?zoek=school.example")
    assert "Uitnodiging" in by_recipient and "Bericht 1" not in by_recipient
    by_subject = _page(client, "?zoek=Bericht 2")
    assert "lid2@example.org" in by_subject and "lid1@example.org" not in by_subject


def test_the_status_filter_shows_only_that_status(client, leader_logged_in):
    queue(2, status="sent")
    queue(1, status="failed", subject="Kwijt {n}")
    failed = _page(client, "?status=failed")
    assert "Kwijt 0" in failed and "Bericht 0" not in failed
    assert "Alle mislukte berichten opnieuw versturen" in failed
    assert "Kwijt 0" in _page(client, "?status=onzin")  # an unknown status filters nothing


def test_an_htmx_search_answers_with_the_list_only(client, leader_logged_in):
    queue(1, status="sent")
    response = client.get("/beheer/outbox?zoek=Bericht", headers={"HX-Request": "true"})
    html = response.get_data(as_text=True)
    assert 'id="outbox-list"' in html
    assert "<h1>" not in html and "HX-Request" in response.headers["Vary"]


def test_a_failed_message_can_be_sent_again(client, leader_logged_in):
    queue(1, status="failed")
    message = OutboxMessage.get()
    page = client.get(f"/beheer/outbox/{message.id}").get_data(as_text=True)
    assert "Opnieuw versturen" in page
    response = client.post(f"/beheer/outbox/{message.id}/opnieuw", follow_redirects=True)
    message = OutboxMessage.get()
    assert message.status == "queued" and message.attempts == 0  # the sender takes it from here
    assert "weer in de wachtrij" in response.get_data(as_text=True)


def test_sending_again_a_message_that_did_not_fail_changes_nothing(client, leader_logged_in):
    queue(1, status="sent")
    message = OutboxMessage.get()
    response = client.post(f"/beheer/outbox/{message.id}/opnieuw", follow_redirects=True)
    assert "al afgehandeld" in response.get_data(as_text=True)
    assert OutboxMessage.get().status == "sent"


def test_every_failed_message_can_be_queued_again_at_once(client, leader_logged_in):
    queue(3, status="failed")
    queue(1, status="sent", subject="Klaar")
    response = client.post("/beheer/outbox/opnieuw", follow_redirects=True)
    assert "3 mislukte berichten staan weer in de wachtrij" in response.get_data(as_text=True)
    statuses = [m.status for m in OutboxMessage.select().order_by(OutboxMessage.id)]
    assert statuses == ["queued", "queued", "queued", "sent"]


def test_only_the_projectleider_sends_again(client, make_user, login):
    queue(1, status="failed")
    login(make_user("projectgroep"))
    assert client.post(f"/beheer/outbox/{OutboxMessage.get().id}/opnieuw").status_code == 403
    assert OutboxMessage.get().status == "failed"
