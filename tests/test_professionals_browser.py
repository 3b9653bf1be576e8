"""In a real browser on the demo: a teacher at a partner school, coming from the public
agenda, makes an account, confirms it by mail, logs in and joins a network."""

import pytest

from intranet.models import Professional, User
from intranet.network.models import Network, NetworkMember

pytestmark = pytest.mark.once


def test_a_professional_creates_an_account_for_a_partner_school_and_joins_a_network(
    live_server, browser
):
    email = "meester.ruben@example.org"
    page = live_server.new_page(browser)
    page.goto("/agenda")
    page.get_by_role("link", name="Aanmelden (geen account nodig)").first.click()
    page.get_by_role("link", name="Maak een account").click()
    page.get_by_role("heading", name="Account maken als professional").wait_for()
    page.get_by_label("Naam", exact=True).fill("Ruben Hoekstra")
    page.get_by_label("E-mailadres (van uw werk)").fill(email)
    page.get_by_label("Organisatie", exact=True).select_option(label="Nutsbasisschool Voorschoten")
    page.get_by_label("Wachtwoord", exact=True).fill("meester ruben 2027")
    page.get_by_label("Herhaal het wachtwoord").fill("meester ruben 2027")
    page.get_by_label("Ik ga akkoord").check()
    page.get_by_role("button", name="Account maken").click()
    page.get_by_role("heading", name="Kijk in uw e-mail").wait_for()

    (link,) = [link for link in live_server.mail_links(email) if link.startswith("/bevestigen/")]
    page.goto(link)  # in a browser without the account's session: the password is chosen here
    page.fill("#password", "meester ruben 2027")
    page.fill("#confirm", "meester ruben 2027")
    page.get_by_role("button", name="Wachtwoord kiezen en adres bevestigen").click()
    page.wait_for_url(lambda url: "/bevestigen/" not in url)
    page.goto("/inloggen")
    page.fill("#email", email)
    page.fill("#password", "meester ruben 2027")
    page.click("main form button[type=submit]")
    page.wait_for_url(lambda url: "/inloggen" not in url)

    with live_server.context():
        network = Network.get(Network.slug == "brede-vorming")
    page.goto(f"/netwerken/{network.id}")
    page.get_by_role("button", name=f"Aansluiten bij {network.name}").click()
    page.get_by_role("button", name="Netwerk verlaten").wait_for()
    page.goto("/mijn-profiel")
    assert "Nutsbasisschool Voorschoten" in page.locator("main").inner_text()
    with live_server.context():
        user = User.by_email(email)
        assert Professional.get(Professional.user == user.id).organisation.name == (
            "Nutsbasisschool Voorschoten"
        )
        assert NetworkMember.get(NetworkMember.user == user.id).network_id == network.id
