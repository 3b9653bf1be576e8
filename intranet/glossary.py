"""The intranet's Dutch words in one place: the labels of the domain and the common messages.

Code, templates and e-mails take their words from here, so one term means one thing
everywhere ("contactpersoon", never also "ambassadeur" on one page and "contact" on another).
The workflows keep their state labels beside their steps (each workflow reads as its process).
"""

from flask import current_app


def deciding_body(capital=False):
    """The body that decides on the convenant's continuation, as pages and mails name it:
    the DECIDING_BODY setting ("regiegroep" unless set)."""
    name = current_app.config["DECIDING_BODY"]
    return name[:1].upper() + name[1:] if capital else name


# Organisations and people
SECTORS = {
    "VSE": "Voorschoolse educatie (VSE)",
    "PO": "Primair onderwijs",
    "VO": "Voortgezet onderwijs",
    "MBO": "Middelbaar beroepsonderwijs",
    "HO": "Hogeschool",
    "WO": "Universiteit",
    "gemeente": "Gemeente",
    "cultuur": "Cultuur en erfgoed",
    "sport": "Sport en bewegen",
    "bedrijf": "Bedrijf",
    "overig": "Overig",
}
ORGANISATION_STATUSES = {
    "aspirant": "Aspirant-partner",
    "partner": "Partner",
    "vriend": "Vriend van LEF",
    "lef_partner": "LEF-partner",
    "oud_partner": "Oud-partner",
}
MEMBERSHIP_TYPES = {
    "convenant": "Convenantpartner (bijdrage naar sector)",
    "basis": "Basislidmaatschap",
    "uitgebreid": "Uitgebreid lidmaatschap",
}
GROUPS = {
    "projectleider": "Projectleider",
    "projectgroep": "Projectgroep",
    "regiegroep": "Regiegroep",
}
CONTACT_KINDS = {"primary": "Contactpersoon", "achtervang": "Achtervang"}

# Admission
ROUTES = {
    "basis": "Basislidmaatschap (bedrijf of instelling zonder leerlingen)",
    "uitgebreid": "Uitgebreid lidmaatschap (met profiel en minstens twee referenties)",
    "schoolbestuur": "Leids schoolbestuur",
    "school": "School in een Leids samenwerkingsverband (PO of VO), buiten Leiden",
    "vse": "Instelling voor voorschoolse educatie (VSE)",
}
CHOICES = {"voor": "Voor", "tegen": "Tegen", "twijfel": "Twijfel"}
RECOMMENDATIONS = {"positief": "Positief", "neutraal": "Neutraal", "negatief": "Negatief"}
# What each recommendation means, under its option on the referee's form.
RECOMMENDATION_MEANINGS = {
    "positief": "U beveelt de organisatie aan als partner.",
    "neutraal": "U kunt de organisatie niet aan- of afraden, bijvoorbeeld omdat u haar werk "
    "te weinig kent.",
    "negatief": "U raadt aan de organisatie niet als partner toe te laten.",
}

# Convenant and rounds
ROUND_KINDS = {"renewal": "Ondertekenronde", "vriend": "Vriendenronde"}

# Mail
OUTBOX_STATUSES = {
    "queued": "in de wachtrij",
    "sending": "wordt verstuurd",
    "sent": "verstuurd",
    "stored": "bewaard",
    "failed": "mislukt",
}

# "Mijn taken": the kinds of work, as the badge above each task says them
TASK_KINDS = {
    "stemmen": "Stemmen",
    "beoordelen": "Beoordelen",
    "besluiten": "Besluiten",
    "ondertekenen": "Ondertekenen",
    "uitnodiging": "Uitnodiging",
    "referentie": "Referentie",
    "achtervang": "Achtervang",
    "aanmelden": "Aanmelden",
    "aanvullen": "Aanvullen",
    "volgen": "Volgen",
    "jaargesprek": "Jaargesprek",
    "aanwezigheid": "Aanwezigheid",
    "factuur": "Factuur",
}

# Messages every part of the intranet may give
ERROR_PAGES = {
    400: ("Ongeldig verzoek", "Het verzoek kon niet worden verwerkt. Controleer de invoer."),
    403: ("Geen toegang", "U heeft geen toegang tot deze pagina of actie."),
    404: ("Niet gevonden", "Deze pagina of dit dossier bestaat niet (meer)."),
    405: ("Niet toegestaan", "Deze actie kan op deze manier niet worden uitgevoerd."),
    409: ("Al afgehandeld", "Iemand anders heeft dit al afgehandeld. Bekijk de actuele stand."),
    413: ("Te groot", "Het verzonden formulier is te groot. Maak de tekst korter."),
    415: ("Ongeldig verzoek", "Het intranet neemt alleen formulieren aan. Gebruik het formulier."),
    429: ("Te veel verzoeken", "Even geduld: probeer het over enkele minuten opnieuw."),
    500: ("Er ging iets mis", "Er ging iets mis aan onze kant. Probeer het later opnieuw."),
    503: ("Even druk", "Het intranet is even druk bezig. Probeer het zo opnieuw."),
}
ALREADY_HANDLED = "Dit is al afgehandeld: de status is intussen gewijzigd naar ‘{}’."
NOTHING_WAITING = "Er wacht nu niets op u."
CALENDAR_LINK_GONE = (
    "Deze agendalink werkt niet (meer): hij is vernieuwd of bestaat niet. "
    "Haal op het intranet, onder Mijn taken, de nieuwe link op."
)
REMINDED_TODAY = "Er is vandaag al herinnerd; opnieuw herinneren kan een dag later, vanaf {}."
