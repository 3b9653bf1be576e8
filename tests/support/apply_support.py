"""Helpers for the application tests: fill in the form as a browser would (no tests here)."""

import html
import json
import re

from werkzeug.datastructures import MultiDict

from intranet.models import FormAnswers
from tests.support.decide import text

HIDDEN = re.compile(r'<input type="hidden" name="([^"]*)" value="([^"]*)">')
ACTION = re.compile(r'<form method="post" action="(/aanmelden[^"]*)"')
PASSWORD = "een lang wachtwoord"

ORGANISATIONS = {
    "basis": {"name": "Techniekatelier Zoeterwoude", "sector": "bedrijf"},
    "uitgebreid": {"name": "Stichting Denkwerk", "sector": "overig"},
    "schoolbestuur": {"name": "Stichting Leids Onderwijs", "sector": "PO", "pupils": "3000"},
    "school": {"name": "De Zeester Oegstgeest", "sector": "PO", "pupils": "250"},
    "vse": {"name": "Peuterspeelzaal Het Duin", "sector": "VSE", "pupils": "45"},
}
MUNICIPALITY = {
    "basis": "Zoeterwoude",
    "uitgebreid": "Leiden",
    "schoolbestuur": "Leiden",
    "school": "Oegstgeest",
    "vse": "Voorschoten",
}
REFEREES = {
    "referee1_name": "Rosa Referent",
    "referee1_email": "rosa@museum.example.org",
    "referee1_organisation": "Museum",
    "referee1_relation": "samenwerkingspartner",
    "referee2_name": "Ruud Referent",
    "referee2_email": "ruud@school.example.org",
    "referee2_organisation": "Basisschool",
    "referee2_relation": "opdrachtgever",
}
CONTACT = {
    "contact_name": "Anna Aanvrager",
    "contact_email": "anna@aspirant.example.org",
    "backup_name": "Bert Achtervang",
    "backup_email": "bert@aspirant.example.org",
}
ACCOUNT = {"password": PASSWORD}  # asked on the last step, never carried along
SUBMIT, SAVE = "submit", "save"  # the last step's buttons: submit, or keep as a draft


def organisation(route, **overrides):
    """The organisation step's answers for a route (a count only where the route asks it)."""
    values = {"municipality": MUNICIPALITY[route], "website": "www.example.org"}
    values.update(ORGANISATIONS[route])
    values.update(overrides)
    return values


def heading(response):
    """The step the form shows ('Stap 2 van 4: Organisatie')."""
    found = re.search(r"<h2>(Stap .*?)</h2>", text(response))
    return found.group(1) if found else None


def errors(response):
    """The Dutch messages shown beside the fields."""
    return [
        html.unescape(m)
        for m in re.findall(r'<small class="error"[^>]*>(.*?)</small>', text(response))
    ]


def hidden(response):
    """The hidden inputs a browser sends back with the form."""
    return [(html.unescape(n), html.unescape(v)) for n, v in HIDDEN.findall(text(response))]


def action(response):
    """The address the step shown posts to (each step has its own)."""
    found = ACTION.search(text(response))
    return html.unescape(found.group(1)) if found else "/aanmelden"


def kept_answers():
    """The answers the server keeps for the form being filled in (the newest)."""
    row = FormAnswers.select().order_by(FormAnswers.id.desc()).first()
    return json.loads(row.values) if row else {}


def keep_answer(name, value):
    """Change a kept answer behind the form's back (as if an earlier check had passed it)."""
    row = FormAnswers.select().order_by(FormAnswers.id.desc()).first()
    values = {**json.loads(row.values), name: value}
    FormAnswers.update(values=json.dumps(values)).where(FormAnswers.id == row.id).execute()


def post_step(client, page, fields, go="next"):
    """Fill in the step shown on `page` and press a button, as a browser would: the page
    shown next (after the redirect, or the same step with its errors). Submitting or saving
    at the last step answers with the redirect itself."""
    data = MultiDict(hidden(page))
    for name, value in fields.items():
        data.setlist(name, [value])
    data["go"] = go
    return client.post(action(page), data=data, follow_redirects=go not in (SUBMIT, SAVE))


def form_steps(route, org=None, profile=None, referees=None, contact=None):
    """[(step, answers)] of the steps this route asks, in order."""
    steps = [("route", {"route": route}), ("organisatie", org or organisation(route))]
    if route == "uitgebreid":
        steps.append(
            ("profiel", {"profile": "Wij geven techniekles." if profile is None else profile})
        )
        steps.append(("referenten", referees or REFEREES))
    steps.append(("contactpersoon", contact or CONTACT))
    return steps


def fill_in(client, route, upto=None, finish=SUBMIT, account=None, **answers):
    """Go through the form up to (and including) step `upto`: the page shown next. Without
    `upto`, on to the last step, where `finish` submits (or saves a draft): the response."""
    page = client.get("/aanmelden")
    for step, fields in form_steps(route, **answers):
        page = post_step(client, page, fields)
        if step == upto:
            return page
    assert heading(page).endswith("Controleer en dien in"), (heading(page), errors(page))
    return post_step(client, page, ACCOUNT if account is None else account, go=finish)
