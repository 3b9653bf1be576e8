"""Referees answer through a signed, single-use link; they never have an account."""

from flask import Blueprint, redirect, render_template, url_for
from wtforms import RadioField, TextAreaField
from wtforms.validators import DataRequired, Length

from intranet import tokens
from intranet.admission import referee_links as links
from intranet.admission.models import RECOMMENDATIONS, Application, Referee
from intranet.forms import TextForm, choices
from intranet.models import User
from intranet.refusals import Refused
from intranet.workflows.states import RefereeStatus

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


def _closed(refused, referee=None):
    """The page a referee sees when the link cannot be used (never a 500): why, when they
    answered if they did, and how to reach the projectleider."""
    gave = referee is not None and referee.status == RefereeStatus.ANSWERED
    page = render_template(
        "admission/referee_closed.html",
        message=refused.message,
        answered=referee.answered_at if gave else None,
        leader=User.projectleider(),
    )
    return page, refused.status


def _referee(token):
    """(payload, referee) of a link that is genuine and still in time; raises LinkError."""
    payload = links.read(token)
    referee = Referee.get_or_none(Referee.id == payload["s"])
    if referee is None:
        raise tokens.LinkError(tokens.INVALID)
    return payload, referee


@bp.route("/referentie/<token>", methods=["GET", "POST"])
def answer(token):
    """Give a reference: the application's summary and the referee's advice."""
    try:
        payload, referee = _referee(token)
    except Refused as refused:
        return _closed(refused)
    try:
        links.check(referee, referee.application.state, payload)
    except Refused as refused:
        return _closed(refused, referee)
    form = ReferenceForm()
    if form.validate_on_submit():
        try:
            record_reference(
                referee.id,
                form.recommendation.data,
                form.text.data,
                before_commit=lambda: links.consume(payload),
            )
        except Refused as refused:
            return _closed(refused, Referee.get_by_id(referee.id))
        return redirect(url_for("referee.thanks"), code=303)
    application = Application.with_organisation().where(Application.id == referee.application_id)
    return render_template(
        "admission/referee.html", form=form, referee=referee, application=application.get()
    )


@bp.get("/referentie/bedankt")
def thanks():
    """The referee's reference is in."""
    return render_template("admission/referee_thanks.html", leader=User.projectleider())
