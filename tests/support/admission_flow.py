"""The steps of an admission as people take them in the browser, with or without JavaScript.

Each step waits for what its user sees afterwards: the same words whether htmx swapped them
in or the page was posted and redirected.
"""

import re

from intranet.admission.models import ROUTES, Application
from intranet.models import Organisation, User

PASSWORD = "een lang wachtwoord"


def press(page, name):
    """Press a button in the page's content (not the menu)."""
    page.locator("main").get_by_role("button", name=name, exact=True).click()


def notice(page, text):
    """Wait for the notice that says text (a flash after a redirect, or swapped in by htmx)."""
    page.locator(".notice", has_text=text).first.wait_for()


def _step(page, number, name, of=6):
    """Wait for the form's step heading."""
    page.get_by_role("heading", name=f"Stap {number} van {of}: {name}").wait_for()


def apply_uitgebreid(page, organisation, contact, referees):
    """Apply through every step of the form (uitgebreid route), check it and submit.

    contact: (name, e-mail); referees: two or more (name, e-mail) pairs (a third and later
    one after 'Nog een referent toevoegen', which keeps what was typed).
    """
    page.goto("/aanmelden")
    page.get_by_label(ROUTES["uitgebreid"]).check()
    press(page, "Volgende")
    _step(page, 2, "Organisatie")
    page.get_by_label("Naam van de organisatie").fill(organisation)
    page.get_by_label("Sector").select_option("cultuur")
    page.get_by_label("Gemeente (vestigingsplaats)").fill("Leiden")
    press(page, "Volgende")
    _step(page, 3, "Profiel")
    page.get_by_label("Profiel van uw organisatie").fill(
        f"{organisation} geeft theaterlessen op basisscholen in Leiden en Leiderdorp."
    )
    press(page, "Volgende")
    _step(page, 4, "Referenten")
    for number, (name, email) in enumerate(referees, start=1):
        if number > 2:
            press(page, "Nog een referent toevoegen")
            _step(page, 4, "Referenten")
        fieldset = page.locator(f"#referent-{number}")
        fieldset.get_by_label("Naam", exact=True).fill(name)
        fieldset.get_by_label("E-mailadres", exact=True).fill(email)
        fieldset.get_by_label("Organisatie (optioneel)").fill("Bibliotheek Leiden")
        fieldset.get_by_label("Relatie (optioneel)").fill("samenwerkingspartner")
    press(page, "Volgende")
    _step(page, 5, "Contactpersoon")
    fill_contact(page, contact)
    press(page, "Volgende")
    _step(page, 6, "Controleer en dien in")
    review = page.locator("main").inner_text()
    assert organisation in review and referees[1][1] in review and contact[1] in review
    submit(page)


def fill_contact(page, contact):
    """A newcomer names themselves and their achtervang."""
    page.get_by_label("Uw naam").fill(contact[0])
    page.get_by_label("Uw e-mailadres").fill(contact[1])
    page.get_by_label("Naam van de achtervang").fill("Achtervang " + contact[0])
    page.get_by_label("E-mailadres van de achtervang").fill("achtervang." + contact[1])


def submit(page):
    """On the last step: choose the account's password and submit in one go."""
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    press(page, "Aanmelding indienen")
    notice(page, "is ingediend")


def apply_basis(page, organisation, contact):
    """Apply by the basis route (in Leiden) and submit."""
    apply_basis_until_review(page, organisation, contact)
    submit(page)


def apply_basis_until_review(page, organisation, contact):
    """Fill in the basis route (in Leiden) up to the last step."""
    page.goto("/aanmelden")
    page.get_by_label(ROUTES["basis"]).check()
    press(page, "Volgende")
    _step(page, 2, "Organisatie", of=4)
    page.get_by_label("Naam van de organisatie").fill(organisation)
    page.get_by_label("Sector").select_option("cultuur")
    page.get_by_label("Gemeente (vestigingsplaats)").fill("Leiden")
    press(page, "Volgende")
    _step(page, 3, "Contactpersoon", of=4)
    fill_contact(page, contact)
    press(page, "Volgende")
    _step(page, 4, "Controleer en dien in", of=4)


def confirm_address(live_server, page, email):
    """The applicant opens the confirmation link in their e-mail and presses its button
    (until then the account holds no role, so it could not speak for the new partner)."""
    links = live_server.mail_links(email, "Bevestig")
    assert links, f"{email} got the e-mail to confirm the address"
    page.goto(links[0])
    press(page, "Mijn e-mailadres bevestigen")
    notice(page, "Uw e-mailadres is bevestigd.")


def answer_reference(live_server, browser, email, **context_options):
    """A referee opens the link in their e-mail and recommends the applicant."""
    links = live_server.mail_links(email, "Referentie")
    assert links, f"{email} got an e-mail with a link"
    page = live_server.new_page(browser, **context_options)
    page.goto(links[0])
    page.get_by_label("Positief", exact=True).check()
    page.get_by_label("Uw toelichting").fill("Een betrouwbare partner met een sterk aanbod.")
    press(page, "Referentie versturen")
    page.get_by_role("heading", name="Dank u wel").wait_for()
    page.context.close()


def nominate(page, case_id):
    """The projectleider opens the case from the inbox and nominates it (default deadline)."""
    page.goto("/aanmeldingen/")
    page.goto(f"/aanmeldingen/{case_id}")
    page.locator("main").get_by_role("button", name="Voordragen aan de projectgroep").click()
    press(page, "Voordragen")
    notice(page, "is voorgedragen; de projectgroep kan stemmen")


def vote(page, case_id, choice, motivation=""):
    """A projectgroep member votes."""
    page.goto("/stemmen/")
    page.goto(f"/stemmen/{case_id}")
    page.get_by_label(choice, exact=True).check()
    page.get_by_label("Motivering (optioneel)").fill(motivation)
    press(page, "Stem uitbrengen")
    notice(page, "Uw stem is vastgelegd.")


def take_step(page, button, comment_label=None, comment=""):
    """Take a workflow step from the case's list of actions, with its comment; a step that
    asks first (toelaten, afwijzen) is confirmed on its confirmation."""
    name = re.compile(rf"^{re.escape(button)}…?$")
    form = page.locator("main form", has=page.get_by_role("button", name=name))
    if comment_label:
        form.get_by_label(comment_label).fill(comment)
    asks_first = form.get_by_role("button", name=name).inner_text().endswith("…")
    form.get_by_role("button", name=name).click()
    if asks_first:
        page.locator("section.confirm").wait_for()
        page.locator("section.confirm").get_by_role("button", name=re.compile("^Ja, ")).click()
    page.locator(".notice.success").first.wait_for()


def organisation_named(name):
    """The organisation of that name (in an app context)."""
    return Organisation.get(Organisation.name == name)


def application_of(live_server, organisation):
    """The application of an organisation, fresh from the database."""
    with live_server.context():
        return Application.get(Application.organisation == organisation_named(organisation))


def roles_of(live_server, email):
    """The roles of an account, fresh from the database."""
    with live_server.context():
        return User.by_email(email).roles
