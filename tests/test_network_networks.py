"""Networks: people of partners and vrienden join and leave; the zichthouder writes to them."""

from intranet.mail_delivery import build
from intranet.models import OutboxMessage
from intranet.network.models import NetworkMember
from tests.support.decide import HTMX


def _members(network):
    return {m.user_id for m in NetworkMember.select().where(NetworkMember.network == network)}


def test_a_contactpersoon_joins_and_leaves_without_javascript(
    client, login, make_user, make_organisation, network
):
    person = make_user(organisation=make_organisation())
    login(person)
    joined = client.post(f"/netwerken/{network.id}/aansluiten")
    assert joined.status_code == 303 and _members(network) == {person.id}
    assert "U bent lid van Duurzaamheid." in client.get(joined.location).get_data(as_text=True)
    assert client.post(f"/netwerken/{network.id}/verlaten").status_code == 303
    assert _members(network) == set()


def test_a_vriend_joins_with_htmx_and_gets_the_block_back(
    client, login, make_user, make_organisation, network
):
    person = make_user(organisation=make_organisation(status="vriend"))
    login(person)
    response = client.post(f"/netwerken/{network.id}/aansluiten", headers=HTMX)
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and html.lstrip().startswith(
        f'<section id="membership-{network.id}"'
    )
    assert "Netwerk verlaten" in html and _members(network) == {person.id}


def test_someone_without_a_partner_or_vriend_cannot_join(client, login, make_user, network):
    login(make_user())
    assert client.post(f"/netwerken/{network.id}/aansluiten").status_code == 403
    assert _members(network) == set()


def test_the_zichthouder_sees_the_members_and_writes_to_them_through_the_outbox(
    client, login, make_user, make_organisation, network
):
    holder, members = make_user(), [make_user(organisation=make_organisation()) for _ in range(3)]
    NetworkMember.create(network=network, user=holder, zichthouder=True)
    for member in members:
        NetworkMember.create(network=network, user=member)
    login(holder)
    page = client.get(f"/netwerken/{network.id}").get_data(as_text=True)
    assert all(member.name in page for member in members)
    response = client.post(
        f"/netwerken/{network.id}/bericht",
        data={"subject": "Denk je mee?", "body": "Op 7 april gaan we verder."},
    )
    assert response.status_code == 303
    sent = OutboxMessage.select().where(OutboxMessage.subject == "[Duurzaamheid] Denk je mee?")
    assert {m.to for m in sent} == {holder.email, *(m.email for m in members)}
    message = sent.first()  # a reply reaches the writer, and the message says so
    assert build(message)["Reply-To"] == holder.email
    assert f"komt aan bij {holder.email}." in " ".join(message.body.split())


def test_a_member_does_not_see_the_list_nor_write(
    client, login, make_user, make_organisation, network
):
    member, other = make_user(organisation=make_organisation()), make_user()
    NetworkMember.create(network=network, user=member)
    NetworkMember.create(network=network, user=other)
    login(member)
    assert other.name not in client.get(f"/netwerken/{network.id}").get_data(as_text=True)
    assert (
        client.post(
            f"/netwerken/{network.id}/bericht", data={"subject": "x", "body": "y"}
        ).status_code
        == 403
    )
    assert not OutboxMessage.select().exists()


def test_an_unknown_network_is_a_404_page(client, login, make_user):
    login(make_user())
    assert client.get("/netwerken/999999").status_code == 404
