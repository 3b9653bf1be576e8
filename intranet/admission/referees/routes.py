"""Referees answer through a signed, single-use link; they never have an account."""

from flask import Blueprint, redirect, render_template, url_for
from wtforms import RadioField, TextAreaField
from wtforms.validators import DataRequired, Length

from intranet import tokens
from intranet.admission.models import RECOMMENDATIONS, Application, Referee
from intranet.forms import TextForm, choices
from intranet.workflows import engine

from . import links
from .answers import record_reference

bp = Blueprint("referee", __name__)


class ReferenceForm(TextForm):
    """A referee's recommendation and its explanation."""

    recommendation = RadioField(
        "Uw advies",
        choices=choices(RECOMMENDATIONS),
        invalid_choice_message="Kies positief, neutraal of negatief.",
    )
    text = TextAreaField(
        "Uw toelichting",
        validators=[
            DataRequired("Schrijf kort waarom u dit adviseert."),
            Length(max=5000, message="Gebruik hoogstens 5000 tekens."),
        ],
    )


def _closed(message, status):
    """The page a referee sees when the link cannot be used (never a 500)."""
    return render_template("admission/referee_closed.html", message=message), status


def _open(token):
    """(payload, referee) for a usable link, or (None, the page that says why not)."""
    try:
        payload = links.read(token)
    except tokens.LinkError as error:
        return None, _closed(error.message, 400)
    referee = Referee.get_or_none(Referee.id == payload["s"])
    if referee is None:
        return None, _closed(tokens.INVALID, 400)
    refused = links.refusal(referee, referee.application.state)
    if refused:
        return None, _closed(*refused)
    return payload, referee


@bp.route("/referentie/<token>", methods=["GET", "POST"])
def answer(token):
    """Give a reference: the application's summary and the referee's advice."""
    payload, referee = _open(token)
    if payload is None:
        return referee
    form = ReferenceForm()
    if form.validate_on_submit():
        try:
            record_reference(
                referee.id,
                form.recommendation.data,
                form.text.data,
                before_commit=lambda: links.consume(payload),
            )
        except tokens.LinkError as error:
            return _closed(error.message, 400)
        except engine.WorkflowError as error:
            return _closed(error.message, error.status)
        return redirect(url_for("referee.thanks"), code=303)
    application = Application.with_organisation().where(Application.id == referee.application_id)
    return render_template(
        "admission/referee.html", form=form, referee=referee, application=application.get()
    )


@bp.get("/referentie/bedankt")
def thanks():
    """The referee's reference is in."""
    return render_template("admission/referee_thanks.html")
