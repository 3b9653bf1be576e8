"""Newsletters: the projectleider composes, previews, tests and sends; anyone unsubscribes
with the link in the mail (one click, no login) and reads the public archive."""

from flask import abort, flash, make_response, redirect, render_template, request, url_for
from flask_login import current_user

from intranet import mail
from intranet.extensions import csrf
from intranet.models import MailAddress
from intranet.newsletters import mailing
from intranet.newsletters.forms import NewsletterForm
from intranet.newsletters.models import CONCEPT, VERZONDEN, Newsletter, NewsletterRecipient
from intranet.newsletters.recipients import recipients
from intranet.pages import Pages
from intranet.refusals import Refused
from intranet.security import role_required

pages = Pages()


def _newsletter_or_404(newsletter_id, state=None):
    found = Newsletter.get_or_none(Newsletter.id == newsletter_id)
    if found is None or (state and found.state != state):
        abort(404)
    return found


@pages.get("/nieuwsbrieven/")
@role_required("projectleider")
def index():
    """Every newsletter, newest first, and the addresses that get none."""
    newsletters = list(Newsletter.select().order_by(Newsletter.id.desc()))
    blocked = list(
        MailAddress.select()
        .where(MailAddress.bounced_at.is_null(False) | MailAddress.unsubscribed_at.is_null(False))
        .order_by(MailAddress.email)
    )
    return render_template("newsletters/index.html", newsletters=newsletters, blocked=blocked)


def _compose(newsletter=None):
    form = NewsletterForm(obj=None, **mailing.choices())
    if request.method == "GET" and newsletter:
        form.subject.data, form.introduction.data = newsletter.subject, newsletter.introduction
        form.werkvelden.data = newsletter.werkveld_list
        form.news.data, form.meetings.data = newsletter.news_id_list, newsletter.meeting_id_list
        form.activities.data = newsletter.activity_id_list
    if form.validate_on_submit():
        saved = mailing.save(form, current_user, newsletter)
        flash("De nieuwsbrief is opgeslagen. Bekijk de ontvangers en het voorbeeld.", "success")
        return redirect(url_for("newsletters.show", newsletter_id=saved.id), code=303)
    page = render_template("newsletters/form.html", form=form, newsletter=newsletter)
    return page, (422 if form.errors else 200)


@pages.route("/nieuwsbrieven/nieuw", methods=["GET", "POST"])
@role_required("projectleider")
def new():
    """Compose a newsletter."""
    return _compose()


@pages.route("/nieuwsbrieven/<int:newsletter_id>/bewerken", methods=["GET", "POST"])
@role_required("projectleider")
def edit(newsletter_id):
    """Change a concept."""
    newsletter = _newsletter_or_404(newsletter_id)
    if newsletter.state != CONCEPT:
        raise Refused(mailing.ALREADY_SENT, 409)
    return _compose(newsletter)


@pages.get("/nieuwsbrieven/<int:newsletter_id>")
@role_required("projectleider")
def show(newsletter_id):
    """A newsletter: its recipients with why, the preview, test and send."""
    newsletter = _newsletter_or_404(newsletter_id)
    if newsletter.state == CONCEPT:
        people = recipients(newsletter.werkveld_list)
    else:
        people = [
            (r.email, r.name, r.reason)
            for r in NewsletterRecipient.select()
            .where(NewsletterRecipient.newsletter == newsletter.id)
            .order_by(NewsletterRecipient.email)
        ]
    text = mail.render(mailing.TEMPLATE, **mailing.context(newsletter, "#afmelden"))
    return render_template("newsletters/show.html", newsletter=newsletter, people=people, text=text)


@pages.get("/nieuwsbrieven/<int:newsletter_id>/voorbeeld")
@role_required("projectleider")
def preview(newsletter_id):
    """The HTML part exactly as a recipient gets it (with a sample unsubscribe link)."""
    newsletter = _newsletter_or_404(newsletter_id)
    url = mailing.unsubscribe_url("voorbeeld")
    response = make_response(mail.render_html(mailing.TEMPLATE, **mailing.context(newsletter, url)))
    # The mail's own inline styles, and nothing that runs.
    response.headers["Content-Security-Policy"] = (
        "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; frame-ancestors 'self'"
    )
    return response


@pages.post("/nieuwsbrieven/<int:newsletter_id>/test")
@role_required("projectleider")
def test(newsletter_id):
    """Send the newsletter to oneself."""
    newsletter = _newsletter_or_404(newsletter_id)
    mailing.send_test(newsletter, current_user)
    flash(f"Een testversie is verstuurd naar {current_user.email}.", "success")
    return redirect(url_for("newsletters.show", newsletter_id=newsletter.id), code=303)


@pages.post("/nieuwsbrieven/<int:newsletter_id>/versturen")
@role_required("projectleider")
def send(newsletter_id):
    """Send to every recipient, after the confirmation box is ticked."""
    newsletter = _newsletter_or_404(newsletter_id)
    if request.form.get("bevestig") != "ja":
        raise Refused("Vink aan dat u de nieuwsbrief echt wilt versturen.")
    count = mailing.send(newsletter.id, current_user)
    flash(f"De nieuwsbrief gaat naar {count} ontvangers.", "success")
    return redirect(url_for("newsletters.show", newsletter_id=newsletter.id), code=303)


@pages.post("/nieuwsbrieven/adressen/<int:address_id>/herstellen")
@role_required("projectleider")
def restore(address_id):
    """The address works again (corrected after a bounce): newsletters go to it again."""
    updated = (
        MailAddress.update(bounced_at=None, bounce_error="")
        .where(MailAddress.id == address_id, MailAddress.bounced_at.is_null(False))
        .execute()
    )
    if not updated:
        raise Refused("Dit adres staat niet (meer) als onbestelbaar genoteerd.", 409)
    flash("Het adres ontvangt weer nieuwsbrieven.", "success")
    return redirect(url_for("newsletters.index"), code=303)


@pages.route("/nieuwsbrief/afmelden/<token>", methods=["GET", "POST"])
@csrf.exempt
def unsubscribe(token):
    """Unsubscribe without logging in: a button here, or one click from the mail program
    (RFC 8058: a POST with List-Unsubscribe=One-Click, which carries no CSRF token)."""
    row = NewsletterRecipient.get_or_none(NewsletterRecipient.code == token)
    if row is None:
        page = render_template(
            "network/link_closed.html",
            message="Deze afmeldlink is ongeldig. Controleer of u de hele link heeft gekopieerd.",
        )
        return page, 400
    if request.method == "POST":
        mailing.unsubscribe(token)
        return render_template("newsletters/unsubscribed.html")
    return render_template("newsletters/unsubscribe.html")


@pages.get("/nieuwsbrieven/archief")
def archive():
    """Sent newsletters, for everyone."""
    return render_template("newsletters/archive.html", newsletters=list(Newsletter.archive()))


@pages.get("/nieuwsbrieven/archief/<int:newsletter_id>")
def archived(newsletter_id):
    """One sent newsletter, without anyone's personal links."""
    newsletter = _newsletter_or_404(newsletter_id, VERZONDEN)
    context = mailing.context(newsletter)
    return render_template("newsletters/archived.html", **context)
