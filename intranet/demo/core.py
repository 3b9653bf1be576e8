"""Demo data for the core: the 2018 convenant partners, the groups and their people."""

from datetime import date

from intranet import security
from intranet.clock import now
from intranet.demo import DEMO_PASSWORD
from intranet.models import Contact, Membership, Organisation, PartnerMembership, User
from intranet.workflows.states import OrganisationStatus

CONVENANT_SIGNED = date(2018, 10, 31)
# The partners that signed the convenant of 31 October 2018, with a plausible sector,
# municipality and pupil (or kindplaats) count. PO, VO and VSE add up to the projectplan's
# 2018-2019 budget lines (€ 28.000, € 38.883, € 1.953; see docs/domain.md for VO).
PARTNERS = [
    ("Adelbert College", "VO", "Wassenaar", 1000),
    ("AED", "VO", "Leiden", None),  # a projectgroep member (VO); pays in natura
    ("Aiolos", "bedrijf", "Leiden", None),
    ("BplusC", "cultuur", "Leiden", None),
    ("Bright Kids", "bedrijf", "Leiden", None),
    ("Bureau Talent", "bedrijf", "Leiden", None),
    ("Coaching Kids", "bedrijf", "Leiderdorp", None),
    ("De Kinderhaven", "VSE", "Leiden", 120),
    ("Ds. Fortgensschool Voorschoten", "PO", "Voorschoten", 250),
    ("Debatunie", "overig", "Leiden", None),
    ("ELS", "overig", "Leiden", None),
    ("Erfgoed Leiden en Omstreken", "cultuur", "Leiden", None),
    ("Er-Risèlèh", "PO", "Leiden", 200),
    ("Fijn Talent", "bedrijf", "Oegstgeest", None),
    ("Floreokids", "VSE", "Leiden", 150),
    ("Flowerkids", "VSE", "Leiden", 100),
    ("Gemeente Leiden", "gemeente", "Leiden", None),
    ("Gevers Deynootschool Voorschoten", "PO", "Voorschoten", 300),
    ("GGD: CJG/JGZ", "overig", "Leiden", None),
    ("Haanstrabasisschool", "PO", "Leiden", 400),
    ("Hogeschool Leiden", "HO", "Leiden", None),
    ("JES Rijnland", "VSE", "Leiden", 100),  # a VSE partner in the projectplan
    ("Kindkracht", "VSE", "Leiden", 200),
    ("Leidse Instrumentenmakersschool", "MBO", "Leiden", 220),
    ("Marecollege", "VO", "Leiden", 1361),
    ("Museum Boerhaave", "cultuur", "Leiden", None),
    ("Museum Volkenkunde", "cultuur", "Leiden", None),
    ("Naturalis Biodiversity Center", "cultuur", "Leiden", None),
    ("Nutsbasisschool Voorschoten", "PO", "Voorschoten", 350),
    ("OnderwijsAdvies", "bedrijf", "Leiden", None),
    ("Onderwijszaken", "bedrijf", "Leiden", None),
    ("Passend Primair Onderwijs Leiden", "overig", "Leiden", None),
    ("Prof. Dr. Leo Kanner Onderwijsgroep (LKO)", "PO", "Oegstgeest", 900),
    ("PROOLEiden", "PO", "Leiden", 4200),
    ("Samenwerkingsverband Passend Onderwijs VO 2801", "overig", "Leiden", None),
    ("Scholengroep Leonardo Da Vinci", "VO", "Leiden", 6200),
    ("SCOL", "PO", "Leiden", 3900),
    ("Smallsteps", "VSE", "Leiden", 300),
    ("SPL", "VSE", "Leiden", 332),
    ("SSBA Alkemade", "PO", "Kaag en Braassem", 400),
    ("Stadslab", "bedrijf", "Leiden", None),
    ("Stadspodia Leiden", "cultuur", "Leiden", None),
    ("Stedelijk Gymnasium Leiden", "VO", "Leiden", 1100),
    ("Stichting De Noordwijkse Methode", "overig", "Leiden", None),
    ("Stichting Jonge Uil", "overig", "Leiden", None),
    ("Technolab", "cultuur", "Leiden", None),
    ("Universiteit Leiden", "WO", "Leiden", None),
    ("Vlietlandcollege", "VO", "Leiden", 2000),
    ("Vrije School Mareland", "PO", "Leiden", 300),
    ("Wellant College Oegstgeest", "VO", "Oegstgeest", 1000),
    ("Winford / Vrijbergen", "VO", "Leiden", 300),
    ("XL-leren", "bedrijf", "Leiden", None),
]
# Companies, culture and institutions without pupils pay a membership; the rest by sector.
BASIS = {
    "Aiolos",
    "Bright Kids",
    "Coaching Kids",
    "Fijn Talent",
    "OnderwijsAdvies",
    "Onderwijszaken",
    "XL-leren",
    "Debatunie",
    "ELS",
    "Stichting Jonge Uil",
    "Erfgoed Leiden en Omstreken",
    "Stadspodia Leiden",
}
UITGEBREID = {
    "Bureau Talent",
    "Stadslab",
    "Stichting De Noordwijkse Methode",
    "GGD: CJG/JGZ",
    "BplusC",
    "Museum Boerhaave",
    "Museum Volkenkunde",
    "Naturalis Biodiversity Center",
    "Technolab",
}
# The regiegroep's partners (Gemeente Leiden, PPO, SWV VO) pay agreed amounts instead:
# see intranet/demo/fees.py.
LEF_PARTNERS = {
    "Gemeente Leiden",
    "Hogeschool Leiden",
    "Universiteit Leiden",
    "SCOL",
    "PROOLEiden",
    "Scholengroep Leonardo Da Vinci",
    "Passend Primair Onderwijs Leiden",
    "Samenwerkingsverband Passend Onderwijs VO 2801",
    "BplusC",
}

FIRST = [
    "Anouk",
    "Bas",
    "Charlotte",
    "Daan",
    "Eva",
    "Floris",
    "Germaine",
    "Hidde",
    "Inge",
    "Jeroen",
    "Karin",
    "Lucas",
    "Mirjam",
    "Niels",
    "Olga",
    "Pieter",
    "Quirine",
    "Ruben",
    "Sanne",
    "Tijmen",
    "Ursula",
    "Vincent",
    "Wendy",
    "Youssef",
    "Zeynep",
    "Fatima",
    "Kees",
    "Lotte",
    "Mehmet",
    "Noor",
]
LAST = [
    "de Vries",
    "Jansen",
    "van den Berg",
    "Bakker",
    "Visser",
    "Smit",
    "Meijer",
    "de Boer",
    "Mulder",
    "de Groot",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "van Leeuwen",
    "Dekker",
    "Brouwer",
    "de Wit",
    "Dijkstra",
    "Smits",
    "de Graaf",
    "van der Meer",
    "Kok",
    "Jacobs",
    "de Haan",
    "Vermeulen",
    "El Amrani",
    "Yilmaz",
    "Verhoeven",
    "Koster",
    "Willems",
]

PROJECTLEIDER = ("Marloes van Dam", "projectleider@example.org")
REGIEGROEP = [("Hans Verbeek", "voorzitter@example.org", True)] + [
    (f"{FIRST[i]} {LAST[i + 3]}", f"regiegroep{i + 2}@example.org", False) for i in range(4)
]
PROJECTGROEP = [
    (f"{FIRST[i + 5]} {LAST[i + 10]}", f"projectgroep{i + 1}@example.org") for i in range(14)
]


# The projectgroep as the projectplan organises it: two per werkveld, each on one hoofdthema,
# one from the gemeente and one for the partners in the city.
PROJECTGROEP_SEATS = [
    ("VSE", "motivatie"),
    ("VSE", "maatwerk"),
    ("PO", "motivatie"),
    ("PO", "maatwerk"),
    ("VO", "overgang"),
    ("VO", "maatwerk"),
    ("MBO", "motivatie"),
    ("MBO", "overgang"),
    ("HO", "overgang"),
    ("HO", "maatwerk"),
    ("WO", "motivatie"),
    ("WO", "overgang"),
    ("gemeente", ""),
    ("partners", ""),
]
SEATS_FROM = date(2024, 8, 1)  # the demo's seats run four schooljaren
SEATS_UNTIL = date(2028, 8, 1)


def contact_email(name, kind="contact"):
    """A stable example.org address for an organisation's contact."""
    slug = "".join(ch for ch in name.lower() if ch.isalnum())[:24]
    return f"{kind}.{slug}@example.org"


def _person(name, email, password_hash):
    user = User.get_or_none(User.email == email)
    if user is None:
        user = User.create(
            name=name, email=email, password_hash=password_hash, email_confirmed_at=now()
        )
    return user


def seed():
    """Create what is missing of the core demo data (idempotent)."""
    password_hash = security.hash_password(DEMO_PASSWORD)
    leader = _person(*PROJECTLEIDER, password_hash)
    Membership.get_or_create(user=leader, group="projectleider", defaults={"starts_on": SEATS_FROM})
    span = {"starts_on": SEATS_FROM, "ends_on": SEATS_UNTIL}
    for name, email, chair in REGIEGROEP:
        Membership.get_or_create(
            user=_person(name, email, password_hash),
            group="regiegroep",
            defaults={"voorzitter": chair, **span},
        )
    for (name, email), (werkveld, thema) in zip(PROJECTGROEP, PROJECTGROEP_SEATS, strict=True):
        Membership.get_or_create(
            user=_person(name, email, password_hash),
            group="projectgroep",
            defaults={"werkveld": werkveld, "hoofdthema": thema, **span},
        )
    for index, (name, sector, municipality, pupils) in enumerate(PARTNERS):
        membership = (
            "basis" if name in BASIS else "uitgebreid" if name in UITGEBREID else "convenant"
        )
        organisation, made = Organisation.get_or_create(
            name=name,
            defaults={
                "sector": sector,
                "municipality": municipality,
                "pupil_count": pupils,
                "status": OrganisationStatus.PARTNER,
                "membership_type": membership,
                "lef_partner": name in LEF_PARTNERS,
                "profile": f"{name} is sinds 2018 partner van De Leidse Aanpak.",
            },
        )
        if made:  # partner since the convenant was signed
            PartnerMembership.open([organisation.id], "convenant", CONVENANT_SIGNED)
        person = f"{FIRST[index % len(FIRST)]} {LAST[(index * 7) % len(LAST)]}"
        contact = _person(person, contact_email(name), password_hash)
        Contact.get_or_create(organisation=organisation, user=contact, defaults={"kind": "primary"})
        if index % 3:  # most partners have an achtervang; some do not, to show the flag
            backup = f"{FIRST[(index + 11) % len(FIRST)]} {LAST[(index * 3 + 5) % len(LAST)]}"
            backup_user = _person(backup, contact_email(name, "achtervang"), password_hash)
            Contact.get_or_create(
                organisation=organisation, user=backup_user, defaults={"kind": "achtervang"}
            )


def demo_logins():
    """(role, e-mail) pairs to print for `make run`."""
    return [
        ("projectleider", PROJECTLEIDER[1]),
        ("voorzitter regiegroep", REGIEGROEP[0][1]),
        ("regiegroeplid", REGIEGROEP[1][1]),
        ("projectgroeplid", PROJECTGROEP[0][1]),
        ("contactpersoon Naturalis", contact_email("Naturalis Biodiversity Center")),
        ("contactpersoon Museum Boerhaave", contact_email("Museum Boerhaave")),
    ]
