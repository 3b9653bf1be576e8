"""Who may apply by which route, and what each route asks: pure rules, each returning a
Dutch message, a yes or a no.

Every question about a route is answered here: the admission workflow (by right or with a
vote), the form's steps, a draft's completeness, the dossier and the applicant's pages ask
these functions, never the route's name.
"""

from intranet.workflows.states import OrganisationStatus

# Route 1 (projectplan, "Lid worden", criterion 1): Leiden, and "ook voor bedrijven en
# instellingen in Leiderdorp, Voorschoten, Oegstgeest, Wassenaar, Zoeterwoude en
# Kaag&Braassem".
BASIS_AREA = (
    "Leiden",
    "Leiderdorp",
    "Voorschoten",
    "Oegstgeest",
    "Wassenaar",
    "Zoeterwoude",
    "Kaag en Braassem",
)
# Routes 4 and 5 name the area by the Leiden samenwerkingsverbanden passend onderwijs (PPO
# Leiden and SWV Passend Onderwijs VO 2801), not by municipality: the projectplan lists no
# municipalities for them. Its one list of the Leiden region is route 1's, and every school
# outside Leiden among the 2018 convenant's parties and the projectplan's projects stands in
# it: Voorschoten (Nutsbasisschool, Ds. Fortgensschool, Gevers Deynootschool), Oegstgeest
# (Wellant College, Rijnlands Lyceum), Leiderdorp (De Schakel), Kaag en Braassem (SSBA
# Alkemade; the Jonge Ouder Academie Kaag&Braassem). So the area is that list; no seed
# names a school in any other municipality (Katwijk, Noordwijk or Teylingen, say). The
# projectleider still checks that the school belongs to one of the two
# samenwerkingsverbanden. See docs/domain.md, "Toetreding".
LEIDEN_SWV_AREA = BASIS_AREA
# Route 4 (criterion 4): schools of those samenwerkingsverbanden "buiten de Gemeente Leiden
# gelokaliseerd"; a school in Leiden joins through its Leiden schoolbestuur (route 3).
# Route 5 (criterion 5): VSE institutions in the whole area, Leiden included.
SWV_AREA_OUTSIDE_LEIDEN = tuple(place for place in LEIDEN_SWV_AREA if place != "Leiden")
# The uitgebreid route has no area of its own: the projectgroep weighs each application.
AREA_FOR_ROUTE = {
    "basis": BASIS_AREA,
    "schoolbestuur": ("Leiden",),
    "school": SWV_AREA_OUTSIDE_LEIDEN,
    "vse": LEIDEN_SWV_AREA,
}
AREA_WORDS = {
    "basis": "de gemeenten van de Leidse regio",
    "schoolbestuur": "Leiden",
    "school": "het gebied van de Leidse samenwerkingsverbanden PO/VO buiten de gemeente Leiden",
    "vse": "het gebied van de Leidse samenwerkingsverbanden PO/VO",
}
# Where a place lies outside a route's area because another route serves it.
OTHER_ROUTE = {
    ("school", "Leiden"): (
        "Een school in de gemeente Leiden meldt zich niet apart aan: alle Leidse "
        "schoolbesturen zijn partner, en hun scholen doen mee via het bestuur. Kies de route "
        "Leids schoolbestuur als uw bestuur nog geen partner is."
    ),
}
# What the deciders check of an application by each route; the area is added from
# AREA_FOR_ROUTE by `condition`: (who may take it, what follows the area).
CONDITIONS = {
    "basis": ("Bedrijf of instelling zonder leerlingen", ""),
    "uitgebreid": (
        "Bedrijf of instelling zonder leerlingen die het uitgebreide lidmaatschap wil: "
        "profielbeschrijving en minstens twee referenties; de projectgroep stemt",
        "",
    ),
    "schoolbestuur": ("Schoolbestuur", ": partner van rechtswege; zijn scholen doen mee"),
    "school": ("School onder de Leidse samenwerkingsverbanden PO of VO, buiten Leiden", ""),
    "vse": ("Instelling voor voorschoolse educatie (VSE)", ""),
}
# For whom each route is, and what it costs per schooljaar (projectplan, "Bekostiging").
ROUTE_FIT = {
    "basis": (
        "Bedrijven en instellingen zonder leerlingen in Leiden en omgeving. U bent partner "
        "zodra de projectleider dat bevestigt.",
        "€ 150 per schooljaar.",
    ),
    "uitgebreid": (
        "Bedrijven en instellingen zonder leerlingen die meer willen: met een "
        "profielbeschrijving en minstens twee referenties; de projectgroep stemt.",
        "€ 500 per schooljaar.",
    ),
    "schoolbestuur": (
        "Leidse schoolbesturen: partner van rechtswege, met al hun scholen.",
        "Per leerling van de scholen: PO € 2,50, VO € 3,00.",
    ),
    "school": (
        "Scholen onder de Leidse samenwerkingsverbanden PO of VO, buiten de gemeente Leiden "
        "(een Leidse school doet mee via haar schoolbestuur).",
        "Per leerling: PO € 2,50, VO € 3,00.",
    ),
    "vse": (
        "Instellingen voor voorschoolse educatie in de Leidse regio.",
        "€ 1,50 per kindplaats.",
    ),
}
# The routes that ask for a count of pupils (a schoolbestuur: of all its schools' pupils) or
# kindplaatsen: their yearly contribution is computed from it (fees/rules.py, per head). The
# memberships (basis, uitgebreid) are for organisations without pupils and never ask it.
WITH_PUPILS = {"schoolbestuur", "school", "vse"}
COUNTED = {"vse": "kindplaatsen", "schoolbestuur": "leerlingen van uw scholen"}  # else leerlingen
EXTENDED = "uitgebreid"  # the one route with a profile and referees, weighed by a vote
# Projectplan, criterion 2: "minimaal twee referenties". The form takes a few more.
MIN_REFEREES, MAX_REFEREES = 2, 5
BY_RIGHT = {"basis", "schoolbestuur", "school", "vse"}  # confirmed by the projectleider, no vote
BLOCKING_STATUSES = OrganisationStatus.MAY_NOT_APPLY
KNOWN_MUNICIPALITIES = tuple(sorted(set().union(*AREA_FOR_ROUTE.values())))


def _key(text):
    return " ".join((text or "").split()).casefold()


def canonical_municipality(text):
    """The known spelling of a municipality ('kaag  en braassem' → 'Kaag en Braassem')."""
    for known in KNOWN_MUNICIPALITIES:
        if _key(known) == _key(text):
            return known
    return " ".join((text or "").split())


def municipality_problem(route, municipality):
    """Why an organisation in this municipality cannot take this route, or None."""
    area = AREA_FOR_ROUTE.get(route)
    place = canonical_municipality(municipality)
    if area is None or not municipality or place in area:
        return None
    return OTHER_ROUTE.get((route, place)) or (
        f"Deze route staat alleen open voor organisaties in {AREA_WORDS[route]}, niet in {place}."
    )


def _listed(names):
    """'Leiden, Leiderdorp of Voorschoten'."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} of {names[-1]}"


def condition(route):
    """What the deciders check of an application by this route, its area named from the rule."""
    if route not in CONDITIONS:
        return ""
    who, after = CONDITIONS[route]
    area = AREA_FOR_ROUTE.get(route)
    where = f", gevestigd in {_listed(area)}" if area else ""
    return f"{who}{where}{after}."


def asks_pupils(route):
    """True when the route asks for a count of pupils or kindplaatsen."""
    return route in WITH_PUPILS


def asks_profile_and_referees(route):
    """True when the route asks for a profile and referees (and the projectgroep votes)."""
    return route == EXTENDED


def is_by_right(route):
    """True when the route is eligible by right: the projectleider confirms, nobody votes."""
    return route in BY_RIGHT


def pupils_problem(route, pupils):
    """Why the count is missing for a route that asks for it, or None."""
    if asks_pupils(route) and not pupils:
        what = COUNTED.get(route, "leerlingen")
        return f"Vul het aantal {what} in: daarnaar wordt uw bijdrage berekend."
    return None


def profile_problem(route, profile):
    """Why the profile description is not enough for the route, or None."""
    if asks_profile_and_referees(route) and not (profile or "").strip():
        return "Beschrijf uw organisatie: voor het uitgebreid lidmaatschap is een profiel nodig."
    return None


def organisation_problem(namesake_status, has_open_application):
    """Why an organisation of this name cannot apply: already a partner or applying."""
    if namesake_status in BLOCKING_STATUSES:
        return "Deze organisatie is al partner van het netwerk en hoeft zich niet aan te melden."
    if has_open_application:
        return "Voor deze organisatie loopt al een aanmelding."
    return None


def referee_problems(referee_emails, own_emails):
    """{position: message} for referee addresses that repeat or belong to the applicant."""
    own = {_key(email) for email in own_emails if email}
    problems, seen = {}, set()
    for position, email in enumerate(referee_emails):
        key = _key(email)
        if not key:
            continue
        if key in own:
            problems[position] = (
                "Een referent staat buiten uw organisatie: dit is het adres van uzelf "
                "of van uw achtervang."
            )
        elif key in seen:
            problems[position] = "Geef verschillende referenten op: dit adres is al opgegeven."
        seen.add(key)
    return problems


def backup_problem(contact_email, backup_email):
    """Why the achtervang's address is not usable, or None."""
    if contact_email and _key(contact_email) == _key(backup_email):
        return "De achtervang is iemand anders dan de contactpersoon: kies een ander adres."
    return None


def own_address_problem(email, referee_emails):
    """Why the applicant's (or achtervang's) address cannot also be a referee's, or None."""
    if _key(email) and _key(email) in {_key(other) for other in referee_emails}:
        return "Dit adres is ook als referent opgegeven; een referent staat buiten uw organisatie."
    return None
