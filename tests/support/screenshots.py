"""The screenshot gallery: `python -m tests.support.screenshots docs/screenshots`.

Serves a fresh demo database, logs in as each role and saves the main pages at a phone's
width (390 px) and a laptop's (1280 px) as ROLE-PAGE-WIDTH.png.
"""

import sys
import tempfile
from pathlib import Path

from intranet.demo.core import PROJECTGROEP, PROJECTLEIDER, REGIEGROEP, contact_email
from tests.support import pages
from tests.support.browser import CHROMIUM, LAUNCH_ARGS, LiveServer, demo_app, seed_demo_database

WIDTHS = {390: 844, 1280: 800}


def _ids(live):
    """Ids of the demo cases the gallery shows."""
    from intranet.admission.models import Application
    from intranet.fees.models import FeeRate
    from intranet.models import Organisation
    from intranet.rounds.models import RenewalInvitation, Round

    def application(name):
        """The id of an organisation's application."""
        organisation = Organisation.get(Organisation.name == name)
        return Application.get(Application.organisation == organisation).id

    with live.context():
        naturalis = Organisation.get(Organisation.name == "Naturalis Biodiversity Center")
        return {
            "vote": application("Muziekschool Leiden"),
            "escalated": application("Science Hub Leiden"),
            "waiting": application("Stichting Denkwerk"),
            "to_check": application("De Zeester Oegstgeest"),
            "period": Round.get(Round.kind == "renewal").period_id,
            "fee_year": max(FeeRate.years()),
            "naturalis": naturalis.id,
            "signing": RenewalInvitation.get(RenewalInvitation.organisation == naturalis).id,
            "round": Round.get(Round.kind == "renewal").id,
        }


def gallery(live):
    """(role, e-mail or None, [(page name, path)]) for every role."""
    ids = _ids(live)
    referee_link = live.mail_links(pages.REFEREE, "Referentie")[0]
    return [
        (
            "bezoeker",
            None,
            [("home", "/"), ("aanmelden", "/aanmelden"), ("partners", "/partners/")],
        ),
        (
            "aanvrager",
            pages.ROLES["aanvrager-referenties"],
            [("taken", "/taken/"), ("aanmelding", f"/aanmelding/{ids['waiting']}")],
        ),
        ("referent", None, [("referentie", referee_link)]),
        (
            "contactpersoon",
            contact_email("Naturalis Biodiversity Center"),
            [
                ("taken", "/taken/"),
                ("organisatie", f"/partners/{ids['naturalis']}"),
                ("tekenen", f"/convenant/ondertekenen/{ids['signing']}"),
            ],
        ),
        (
            "projectgroep",
            PROJECTGROEP[2][1],  # has not voted yet in the demo
            [("taken", "/taken/"), ("stemmen", f"/stemmen/{ids['vote']}")],
        ),
        (
            "voorzitter",
            REGIEGROEP[0][1],
            [("taken", "/taken/"), ("regiegroep", f"/regiegroep/{ids['escalated']}")],
        ),
        (
            "projectleider",
            PROJECTLEIDER[1],
            [
                ("taken", "/taken/"),
                ("dashboard", "/dashboard/"),
                ("aanmeldingen", "/aanmeldingen/"),
                ("beoordelen", f"/aanmeldingen/{ids['to_check']}"),
                ("dossier-afdruk", f"/aanmelding/{ids['escalated']}/dossier"),
                ("ronde", f"/convenant/ronde/{ids['round']}"),
                ("convenant-afdruk", f"/convenant/periode/{ids['period']}/afdrukken"),
                ("bijdragen", "/bijdragen/"),
                ("facturen", f"/bijdragen/{ids['fee_year']}/facturen"),
                ("leden", "/leden/"),
                ("archief", "/aanmeldingen/archief"),
                ("outbox", "/beheer/outbox"),
            ],
        ),
    ]


def network_gallery(live):
    """The Netwerk pages: a meeting, the answer link, attendance, a network, the promises."""
    from intranet.network.models import Meeting, Network

    with live.context():
        upcoming = Meeting.get(Meeting.title == "Netwerkbijeenkomst contactpersonen").id
        april = Meeting.get(Meeting.title == "Verkenners ontmoet verkenners").id
        network = Network.get(Network.slug == "duurzaamheid").id
    naturalis = contact_email("Naturalis Biodiversity Center")
    links = live.mail_links(naturalis, "Uitnodiging: Netwerkbijeenkomst contactpersonen")
    answer_link = next(link for link in links if link.startswith("/antwoord/"))
    return [
        (
            "contactpersoon",
            naturalis,
            [("bijeenkomst", f"/bijeenkomsten/{upcoming}"), ("netwerk", f"/netwerken/{network}")],
        ),
        ("genodigde", None, [("antwoord", answer_link)]),
        (
            "projectleider",
            PROJECTLEIDER[1],
            [
                ("bijeenkomst", f"/bijeenkomsten/{april}"),
                ("aanwezigheid", f"/bijeenkomsten/{april}/aanwezigheid"),
                ("beloftes", "/dashboard/#convenantbeloftes"),
            ],
        ),
    ]


def living_gallery(live):
    """The living network: news, a partner's public page with its activities, the
    newsletters (composed and archived), activities to review, a vote's discussion."""
    from intranet.activities.models import Activity
    from intranet.news.models import NewsItem
    from intranet.newsletters.models import Newsletter
    from intranet.workflows.states import ActivityState

    with live.context():
        story = NewsItem.published().first().id
        published = Activity.get(Activity.state == ActivityState.PUBLISHED)
        waiting = Activity.get(Activity.state == ActivityState.SUBMITTED).id
        sent = Newsletter.archive().first().id
        concept = Newsletter.get(Newsletter.sent_at.is_null()).id
    vote = _ids(live)["vote"]
    return [
        (
            "bezoeker",
            None,
            [
                ("nieuws", "/nieuws/"),
                ("nieuwsbericht", f"/nieuws/{story}"),
                ("partnerpagina", f"/partners/{published.organisation_id}/over"),
                ("nieuwsbrief-archief", f"/nieuwsbrieven/archief/{sent}"),
            ],
        ),
        (
            "projectleider",
            PROJECTLEIDER[1],
            [
                ("activiteit-beoordelen", f"/activiteiten/{waiting}"),
                ("nieuwsbrief", f"/nieuwsbrieven/{concept}"),
            ],
        ),
        ("projectgroep", PROJECTGROEP[2][1], [("discussie", f"/stemmen/{vote}#reacties")]),
    ]


def shoot(out, pages=None):
    """Render every page of the gallery (or of `pages(live)`) into the folder out."""
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        database = seed_demo_database(Path(tmp) / "demo.sqlite3")
        live = LiveServer(demo_app(database, WTF_CSRF_ENABLED=True)).start()
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        try:
            chosen = (
                pages(live)
                if pages
                else gallery(live) + network_gallery(live) + living_gallery(live)
            )
            for role, email, role_pages in chosen:
                page = live.login(browser, email) if email else live.new_page(browser)
                for name, path in role_pages:
                    for width, height in WIDTHS.items():
                        page.set_viewport_size({"width": width, "height": height})
                        page.goto(path)
                        page.screenshot(path=out / f"{role}-{name}-{width}.png")
                        print(out / f"{role}-{name}-{width}.png")
        finally:
            live.stop()
            browser.close()


if __name__ == "__main__":
    if not CHROMIUM:
        sys.exit("chromium is not installed (make browser-deps)")
    shoot(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots"))
