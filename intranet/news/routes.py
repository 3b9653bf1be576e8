"""News: the public list with search and filters, an item, the Atom feed, the images; the
projectleider writes and publishes."""

import os

from flask import (
    abort,
    current_app,
    flash,
    make_response,
    redirect,
    render_template,
    request,
    send_from_directory,
    url_for,
)
from flask_login import current_user

from intranet.models import HOOFDTHEMAS
from intranet.network.models import Network
from intranet.news import atom, editing, images
from intranet.news.forms import NewsForm
from intranet.news.models import KINDS, NewsItem
from intranet.pages import Pages
from intranet.pagination import paginate
from intranet.refusals import Refused
from intranet.rounds.text import to_html
from intranet.security import role_required

pages = Pages()
PER_PAGE = 20


def _leader():
    return current_user.is_authenticated and current_user.has_role("projectleider")


@pages.get("/nieuws/")
def index():
    """Published news and good practice, newest first; search and filter by kind, thema,
    network."""
    text = request.args.get("q", "").strip()[:100]
    kind = request.args.get("soort", "") if request.args.get("soort") in KINDS else None
    thema = request.args.get("thema") if request.args.get("thema") in HOOFDTHEMAS else None
    network = request.args.get("netwerk", "")
    network_id = int(network) if network.isdecimal() and len(network) < 10 else None
    items = paginate(NewsItem.published(text, kind, thema, network_id), PER_PAGE)
    drafts = list(NewsItem.drafts()) if _leader() else []
    return render_template(
        "news/index.html",
        items=items,
        drafts=drafts,
        q=text,
        kind=kind,
        thema=thema,
        network_id=network_id,
        kinds=KINDS,
        themas=HOOFDTHEMAS,
        networks=Network.listing(),
    )


def _item_or_404(item_id):
    item = NewsItem.get_or_none(NewsItem.id == item_id)
    if item is None or (item.published_at is None and not _leader()):
        abort(404)
    return item


@pages.get("/nieuws/<int:item_id>")
def show(item_id):
    """One item (a concept only for the projectleider)."""
    item = _item_or_404(item_id)
    return render_template("news/show.html", item=item, body=to_html(item.body))


@pages.get("/nieuws/feed.atom")
def feed_atom():
    """The Atom feed of the newest published items."""
    items = list(NewsItem.published().limit(atom.FEED_LENGTH))
    response = make_response(atom.atom(items, current_app.config["NETWORK_NAME"]))
    response.mimetype = "application/atom+xml"
    return response


@pages.get("/nieuws/afbeelding/<name>")
def image(name):
    """A stored image, by the random name it got (nothing else is served)."""
    if not images.is_name(name) or not os.path.exists(os.path.join(images.folder(), name)):
        abort(404)
    response = send_from_directory(images.folder(), name)
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


def _form_page(form, item, status):
    return render_template("news/form.html", form=form, item=item), status


def _save(form, item=None):
    if form.validate_on_submit():
        try:
            saved = editing.save(form, current_user, item)
        except Refused as refused:
            form[refused.field or "image"].errors = [refused.message]
            return _form_page(form, item, refused.status)
        flash("Het bericht is opgeslagen.", "success")
        return redirect(url_for("news.show", item_id=saved.id), code=303)
    return _form_page(form, item, 422 if form.errors else 200)


@pages.route("/nieuws/nieuw", methods=["GET", "POST"])
@role_required("projectleider")
def new():
    """Write a news item or good-practice story (a concept until published)."""
    return _save(NewsForm(networks=Network.listing()))


@pages.route("/nieuws/<int:item_id>/bewerken", methods=["GET", "POST"])
@role_required("projectleider")
def edit(item_id):
    """Change an item (published ones too)."""
    item = NewsItem.get_or_none(NewsItem.id == item_id)
    if item is None:
        abort(404)
    form = NewsForm(obj=item, networks=Network.listing())
    form.existing_image = item.image
    if request.method == "GET":
        form.network.data = str(item.network_id or "")
        form.werkvelden.data = item.werkveld_list
    return _save(form, item)


@pages.post("/nieuws/<int:item_id>/publiceren")
@role_required("projectleider")
def publish(item_id):
    """Publish a concept."""
    if NewsItem.get_or_none(NewsItem.id == item_id) is None:
        abort(404)
    editing.publish(item_id, current_user)
    flash("Het bericht is gepubliceerd.", "success")
    return redirect(url_for("news.show", item_id=item_id), code=303)
