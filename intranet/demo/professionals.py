"""Demo data: professionals of partner schools and institutions, with their networks and
the newsletters they chose."""

from intranet import security
from intranet.clock import now
from intranet.demo import DEMO_PASSWORD
from intranet.models import Organisation, Professional, User
from intranet.network.models import Network, NetworkMember
from intranet.professionals.models import NewsletterSubscription

# name, e-mail, organisation, networks (slugs), newsletters (werkvelden)
PROFESSIONALS = [
    ("Anouk Visser", "anouk.visser@example.org", "Haanstrabasisschool",
     ["talentontwikkeling"], ["PO"]),
    ("Bram de Groot", "bram.degroot@example.org", "SCOL", ["ai", "talentontwikkeling"], ["PO"]),
    ("Charlotte Smit", "charlotte.smit@example.org", "Marecollege", ["brede-vorming"], ["VO"]),
    ("Daan Mulder", "daan.mulder@example.org", "Naturalis Biodiversity Center",
     ["duurzaamheid"], ["PO", "VO"]),
    ("Esra Yilmaz", "esra.yilmaz@example.org", "Kindkracht", [], ["VSE"]),
]  # fmt: skip


def seed():
    """Create the demo professionals that are missing (idempotent)."""
    password_hash = security.hash_password(DEMO_PASSWORD)
    networks = {network.slug: network for network in Network.select()}
    for name, email, partner, slugs, werkvelden in PROFESSIONALS:
        organisation = Organisation.get_or_none(Organisation.name == partner)
        if organisation is None or User.by_email(email):
            continue
        user = User.create(
            name=name, email=email, password_hash=password_hash, email_confirmed_at=now()
        )
        Professional.create(user=user, organisation=organisation)
        for slug in slugs:
            if slug in networks:
                NetworkMember.create(network=networks[slug], user=user)
        for werkveld in werkvelden:
            NewsletterSubscription.create(user=user, werkveld=werkveld)
